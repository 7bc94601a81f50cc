package io.calbridge.common.events.enrollment;

import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * Provisioning gave up enrolling a mailbox; it stays outside the service account's scope until the cause is
 * fixed and enrollment is retried. Transient failures (throttling, timeouts) are retried first and only
 * reported here once retries are exhausted.
 *
 * @param tenantId      Microsoft Entra tenant id of the organisation
 * @param userId        Entra object id (GUID string) of the mailbox owner; key is {@code tenantId/userId}
 * @param mail          primary SMTP address of the mailbox; {@code null} when the failure was not finding it
 * @param kind          person or room
 * @param reason        why enrollment failed
 * @param detail        a human-readable explanation for the admin, such as the Graph error code and message;
 *                      {@code null} when the reason says it all
 * @param remediation   what an admin must do to finish by hand, such as the exact PowerShell for a
 *                      mail-enabled group; {@code null} when there is nothing to run
 * @param occurredAt    when provisioning gave up (UTC)
 * @param correlationId {@code ce_id} of the {@code UserOnboarded} that started it, or the admin request id;
 *                      {@code null} when enrollment was started by a policy run
 */
public record MailboxEnrollmentFailed(
        String tenantId,
        String userId,
        String mail,
        MailboxKind kind,
        Reason reason,
        String detail,
        String remediation,
        Instant occurredAt,
        String correlationId) implements EnrollmentEvent {

    public MailboxEnrollmentFailed {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.optionalAddress(mail, "mail");
        Require.present(kind, "kind");
        Require.present(reason, "reason");
        Require.optionalText(detail, "detail");
        Require.optionalText(remediation, "remediation");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** Why a mailbox could not be enrolled. */
    public enum Reason {
        /** The user does not exist in the tenant's directory. */
        USER_NOT_FOUND,
        /** The user exists but has no Exchange Online mailbox (no licence, or not provisioned yet). */
        NO_MAILBOX,
        /** The tenant's service account lacks the Graph permission to add members to the scope. */
        SCOPE_WRITE_FORBIDDEN,
        /** The scope is a mail-enabled group, which Graph cannot write; {@code remediation} holds the PowerShell. */
        MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL,
        /** The mailbox is in scope, but the verifying read through the service account was refused. */
        ACCESS_VERIFICATION_FAILED,
        /** The tenant's service-account credential is missing, expired or rejected by Entra. */
        CREDENTIAL_INVALID,
        /** Retries for a transient failure (throttling, timeouts, Graph outages) ran out. */
        RETRIES_EXHAUSTED
    }
}
