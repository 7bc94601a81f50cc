package io.calbridge.common.events.account;

import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * The service account can no longer act on a mailbox. Sync deletes its subscriptions and delta state for
 * it; room-booking stops offering a {@code ROOM}.
 *
 * @param tenantId       Microsoft Entra tenant id of the organisation
 * @param mailboxId      Entra object id (GUID string) of the mailbox owner; key is {@code tenantId/mailboxId}
 * @param mailboxAddress primary SMTP address of the mailbox as it was when connected
 * @param kind           person or room
 * @param reason         why access ended
 * @param occurredAt     when provisioning recorded the loss of access (UTC)
 * @param correlationId  {@code ce_id} of the {@code UserOffboarded} or request that led here; {@code null}
 *                       when none
 */
public record AccountDisconnected(
        String tenantId,
        String mailboxId,
        String mailboxAddress,
        MailboxKind kind,
        Reason reason,
        Instant occurredAt,
        String correlationId) implements AccountEvent {

    public AccountDisconnected {
        Require.id(tenantId, "tenantId");
        Require.id(mailboxId, "mailboxId");
        Require.address(mailboxAddress, "mailboxAddress");
        Require.present(kind, "kind");
        Require.present(reason, "reason");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** Why the service account lost access to a mailbox. */
    public enum Reason {
        /** The owner left the organisation. */
        USER_OFFBOARDED,
        /** The mailbox was taken out of the access scope (policy change or admin action). */
        REMOVED_FROM_SCOPE,
        /** Reads through the service account are refused although the mailbox should be in scope. */
        ACCESS_REVOKED,
        /** The mailbox or its Entra object was deleted. */
        MAILBOX_DELETED,
        /** The whole tenant was removed from Calbridge. */
        TENANT_REMOVED
    }
}
