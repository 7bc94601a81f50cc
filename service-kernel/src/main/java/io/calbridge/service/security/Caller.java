package io.calbridge.service.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling a REST API: the name of the API key they presented and the tenants it may act for.
 *
 * @param name    the key's name, for logs and audit; never the key itself
 * @param tenants the tenant ids the key is limited to; empty for an operator key
 * @param operator whether the key may act for every tenant, including registering new ones
 */
public record Caller(String name, Set<String> tenants, boolean operator) {

    public Caller {
        Objects.requireNonNull(name, "name");
        tenants = Set.copyOf(tenants);
    }

    /** Whether this caller may read or change the tenant's data. */
    public boolean mayActFor(String tenantId) {
        return operator || tenants.contains(tenantId);
    }

    /**
     * Fails unless this caller may act for the tenant.
     *
     * @throws TenantForbidden when it may not
     */
    public void requireTenant(String tenantId) {
        if (!mayActFor(tenantId)) {
            throw new TenantForbidden(name, tenantId);
        }
    }

    /**
     * Fails unless this caller is an operator.
     *
     * @throws TenantForbidden when it is not
     */
    public void requireOperator() {
        if (!operator) {
            throw new TenantForbidden(name, "*");
        }
    }
}
