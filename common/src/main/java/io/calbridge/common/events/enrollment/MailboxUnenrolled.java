package io.calbridge.common.events.enrollment;

import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * A mailbox was taken out of the service account's access scope, so Calbridge can no longer act on it.
 * Published together with {@code AccountDisconnected}.
 *
 * @param tenantId      Microsoft Entra tenant id of the organisation
 * @param userId        Entra object id (GUID string) of the mailbox owner; key is {@code tenantId/userId}
 * @param mail          primary SMTP address of the mailbox; {@code null} when the mailbox no longer exists
 * @param kind          person or room
 * @param reason        why the mailbox left the scope
 * @param occurredAt    when provisioning removed it from the scope (UTC)
 * @param correlationId {@code ce_id} of the {@code UserOffboarded} that caused it, or the admin request id;
 *                      {@code null} when a policy run caused it
 */
public record MailboxUnenrolled(
        String tenantId,
        String userId,
        String mail,
        MailboxKind kind,
        Reason reason,
        Instant occurredAt,
        String correlationId) implements EnrollmentEvent {

    public MailboxUnenrolled {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.optionalAddress(mail, "mail");
        Require.present(kind, "kind");
        Require.present(reason, "reason");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** Why a mailbox left the scope. */
    public enum Reason {
        /** The person left the organisation ({@code UserOffboarded}). */
        USER_OFFBOARDED,
        /** The tenant's enrollment policy no longer includes the mailbox. */
        POLICY_CHANGED,
        /** The mailbox or its Entra object was deleted. */
        MAILBOX_DELETED,
        /** An admin removed the mailbox by hand. */
        ADMIN_REQUEST,
        /** The whole tenant was removed from Calbridge. */
        TENANT_REMOVED
    }
}
