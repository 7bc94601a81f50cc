package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.Tenant;
import java.util.List;
import java.util.Optional;

/** Where tenants are kept. */
public interface Tenants {

    /** The tenant, removed or not. */
    Optional<Tenant> find(String tenantId);

    /** Every tenant that is not removed, by id. */
    List<Tenant> active();

    /** Inserts or replaces the tenant and its credentials. */
    void save(Tenant tenant);
}
