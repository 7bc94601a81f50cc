package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.FailureReason;

/** Publishes enrollment outcomes through the outbox, in the caller's transaction. */
public interface EnrollmentPublications {

    /** {@code MailboxEnrolled} and {@code AccountConnected}, together. */
    void enrolled(Enrollment enrollment);

    /** {@code MailboxEnrollmentFailed}. */
    void failed(Enrollment enrollment, FailureReason reason, String detail, String remediation);

    /** {@code MailboxUnenrolled}, and {@code AccountDisconnected} when the account was connected. */
    void unenrolled(Enrollment enrollment, boolean disconnect);

    /** {@code MailboxUnenrolled} and, with {@code disconnect}, {@code AccountDisconnected}, both for a removed tenant. */
    void unenrolledWithTenant(Enrollment enrollment, boolean disconnect);
}
