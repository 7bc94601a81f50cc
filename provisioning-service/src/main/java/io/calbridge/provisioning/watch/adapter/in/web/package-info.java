/** {@code POST /api/tenants/{id}/directory-watch/run}. */
package io.calbridge.provisioning.watch.adapter.in.web;
