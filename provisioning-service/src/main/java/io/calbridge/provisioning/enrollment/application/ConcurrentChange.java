package io.calbridge.provisioning.enrollment.application;

/** Another writer changed the enrollment meanwhile; retrying the whole step is safe. */
public class ConcurrentChange extends RuntimeException {
    public ConcurrentChange(String tenantId, String userId) {
        super("the enrollment of " + userId + " in tenant " + tenantId + " changed concurrently");
    }
}
