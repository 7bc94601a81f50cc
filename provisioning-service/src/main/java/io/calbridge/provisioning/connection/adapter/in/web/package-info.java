/** {@code POST /api/tenants/{id}/connection-test}. */
package io.calbridge.provisioning.connection.adapter.in.web;
