package io.calbridge.provisioning.enrollment.domain;

/** Why an enrollment failed; the same names as the published {@code MailboxEnrollmentFailed.Reason}. */
public enum FailureReason {
    USER_NOT_FOUND,
    NO_MAILBOX,
    SCOPE_WRITE_FORBIDDEN,
    MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL,
    ACCESS_VERIFICATION_FAILED,
    CREDENTIAL_INVALID,
    RETRIES_EXHAUSTED
}
