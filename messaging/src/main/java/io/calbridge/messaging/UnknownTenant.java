package io.calbridge.messaging;

/** The event belongs to a tenant this service does not know; dead-lettered as {@link DeadLetterHeaders#UNKNOWN_TENANT}. */
public class UnknownTenant extends PermanentFailure {

    private final String tenantId;

    public UnknownTenant(String tenantId) {
        super(DeadLetterHeaders.UNKNOWN_TENANT, "Unknown tenant " + tenantId);
        this.tenantId = tenantId;
    }

    /** The tenant id the event named. */
    public String tenantId() {
        return tenantId;
    }
}
