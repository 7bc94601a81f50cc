package io.calbridge.provisioning.enrollment.application;

/** No enrollment for this mailbox in this tenant. */
public class EnrollmentNotFound extends RuntimeException {
    public EnrollmentNotFound(String tenantId, String userId) {
        super("no enrollment of " + userId + " in tenant " + tenantId);
    }
}
