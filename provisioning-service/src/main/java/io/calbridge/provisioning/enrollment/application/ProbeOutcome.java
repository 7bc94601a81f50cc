package io.calbridge.provisioning.enrollment.application;

/** What a verifying calendar read through the service account found. */
public sealed interface ProbeOutcome {

    /** The read succeeded. */
    record Readable() implements ProbeOutcome {}

    /** Refused: the mailbox is not (yet) in the scope, or the app lacks the permission. */
    record Denied(String detail) implements ProbeOutcome {}

    /** The user or mailbox does not exist (no Exchange Online mailbox). */
    record NoMailbox(String detail) implements ProbeOutcome {}

    /** Entra ID rejected the credential. */
    record CredentialRejected(String detail) implements ProbeOutcome {}

    /** Throttled, timed out or Graph unavailable. */
    record Unavailable(String detail) implements ProbeOutcome {}
}
