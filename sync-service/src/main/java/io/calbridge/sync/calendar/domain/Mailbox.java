package io.calbridge.sync.calendar.domain;

import java.util.Objects;

/**
 * A connected mailbox (a person's or a room's) whose calendar sync keeps.
 *
 * @param tenantId    Entra tenant id
 * @param mailboxId   Entra object id of the mailbox owner; Graph calls address the mailbox by it
 * @param address     primary SMTP address
 * @param kind        person or room
 * @param displayName name in address lists; null when unknown
 */
public record Mailbox(String tenantId, String mailboxId, String address, Kind kind, String displayName) {

    public Mailbox {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whose calendar it is. */
    public enum Kind { USER, ROOM }
}
