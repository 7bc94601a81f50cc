package io.calbridge.provisioning.tenant.domain;

/** No tenant with this id is registered. */
public class TenantNotFound extends RuntimeException {
    private final String tenantId;

    public TenantNotFound(String tenantId) {
        super("tenant " + tenantId + " is not registered");
        this.tenantId = tenantId;
    }

    public String tenantId() {
        return tenantId;
    }
}
