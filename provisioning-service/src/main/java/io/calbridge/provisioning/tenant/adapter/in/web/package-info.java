/** The tenants and credentials admin REST API under {@code /api/tenants}. */
package io.calbridge.provisioning.tenant.adapter.in.web;
