/** Microsoft Graph access for a tenant, built from its configuration on provisioning.tenants. */
package io.calbridge.service.graph;
