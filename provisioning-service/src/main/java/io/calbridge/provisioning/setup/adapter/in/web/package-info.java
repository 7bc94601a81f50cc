/** {@code GET /api/tenants/{id}/setup-script}. */
package io.calbridge.provisioning.setup.adapter.in.web;
