package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.Tenant;

/**
 * Raised (as a Spring application event, synchronously, inside the removal's transaction) just before a tenant is
 * removed, while its credential still works, so that its mailboxes can be taken out of the scope and unenrolled.
 *
 * @param correlationId the request that removes the tenant
 */
public record TenantRemoving(Tenant tenant, String correlationId) {
}
