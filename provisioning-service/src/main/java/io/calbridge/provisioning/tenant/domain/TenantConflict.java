package io.calbridge.provisioning.tenant.domain;

/** A change that contradicts the tenant's current state, such as a third credential or an existing registration. */
public class TenantConflict extends RuntimeException {
    public TenantConflict(String message) {
        super(message);
    }
}
