package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.Tenant;

/** Raised (as a Spring application event, after commit) when a tenant's enrollment policy changed. */
public record TenantPolicyChanged(Tenant tenant) {
}
