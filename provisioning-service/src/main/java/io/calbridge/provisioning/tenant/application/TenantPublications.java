package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.Tenant;

/** Tells the other services about tenant changes ({@code provisioning.tenants}), in the caller's transaction. */
public interface TenantPublications {

    void configured(Tenant tenant, String correlationId);

    void removed(Tenant tenant, String correlationId);
}
