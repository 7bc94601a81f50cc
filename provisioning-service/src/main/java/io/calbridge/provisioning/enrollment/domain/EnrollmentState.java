package io.calbridge.provisioning.enrollment.domain;

/** Where an enrollment stands. */
public enum EnrollmentState {
    /** To be added to the scope through Graph. */
    PENDING,
    /** In the scope (or no scope needed); waiting for a verifying calendar read to succeed (scope propagation). */
    ADDED,
    /** Graph cannot change the scope (mail-enabled group): an admin must run the generated PowerShell and confirm. */
    AWAITING_ADMIN,
    /** Verified with a real read; {@code MailboxEnrolled} and {@code AccountConnected} published. */
    CONNECTED,
    /** Gave up; {@code MailboxEnrollmentFailed} published with the reason. */
    FAILED,
    /** To be removed from the scope through Graph. */
    REMOVING,
    /** Out of the scope; {@code MailboxUnenrolled} (and {@code AccountDisconnected} if it was connected) published. */
    REMOVED
}
