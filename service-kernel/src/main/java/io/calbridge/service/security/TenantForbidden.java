package io.calbridge.service.security;

/** The caller's API key is valid but not for this tenant (or not an operator key where one is needed). */
public class TenantForbidden extends RuntimeException {

    private final String tenantId;

    public TenantForbidden(String caller, String tenantId) {
        super("*".equals(tenantId)
                ? "API key '" + caller + "' is not an operator key"
                : "API key '" + caller + "' may not act for tenant " + tenantId);
        this.tenantId = tenantId;
    }

    /** The tenant that was asked for, or {@code *} when an operator key was needed. */
    public String tenantId() {
        return tenantId;
    }
}
