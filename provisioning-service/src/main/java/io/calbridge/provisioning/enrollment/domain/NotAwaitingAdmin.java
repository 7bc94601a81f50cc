package io.calbridge.provisioning.enrollment.domain;

/** An admin confirmed a mailbox that is not waiting for an admin: answered with 409. */
public class NotAwaitingAdmin extends RuntimeException {

    public NotAwaitingAdmin(String userId, EnrollmentState state) {
        super("enrollment of " + userId + " is " + state + ", not awaiting an admin");
    }
}
