package io.calbridge.common.events.account;

import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * The service account can now act on a mailbox's calendar: access was verified with a real read. Sync
 * starts a delta, a subscription and reconciliation for it; room-booking adds a {@code ROOM} to its catalog.
 *
 * @param tenantId        Microsoft Entra tenant id of the organisation
 * @param mailboxId       Entra object id (GUID string) of the mailbox owner; key is {@code tenantId/mailboxId}
 * @param mailboxAddress  primary SMTP address of the mailbox
 * @param kind            person or room
 * @param displayName     the mailbox's name in address lists; {@code null} when unknown
 * @param roomListAddress for a room, the SMTP address of the room list it was found in; {@code null} for
 *                        people and for rooms enrolled one by one
 * @param occurredAt      when access was verified (UTC)
 * @param correlationId   {@code ce_id} of the {@code MailboxEnrolled} or request that led here; {@code null}
 *                        when none
 */
public record AccountConnected(
        String tenantId,
        String mailboxId,
        String mailboxAddress,
        MailboxKind kind,
        String displayName,
        String roomListAddress,
        Instant occurredAt,
        String correlationId) implements AccountEvent {

    public AccountConnected {
        Require.id(tenantId, "tenantId");
        Require.id(mailboxId, "mailboxId");
        Require.address(mailboxAddress, "mailboxAddress");
        Require.present(kind, "kind");
        Require.optionalText(displayName, "displayName");
        Require.optionalAddress(roomListAddress, "roomListAddress");
        if (roomListAddress != null && kind != MailboxKind.ROOM) {
            throw new IllegalArgumentException("roomListAddress applies only to kind ROOM, got kind " + kind);
        }
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
