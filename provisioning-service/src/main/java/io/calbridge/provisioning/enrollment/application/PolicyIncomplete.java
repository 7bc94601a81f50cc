package io.calbridge.provisioning.enrollment.application;

/** The tenant's enrollment policy cannot be applied yet, e.g. it names no scope object. */
public class PolicyIncomplete extends RuntimeException {
    public PolicyIncomplete(String message) {
        super(message);
    }
}
