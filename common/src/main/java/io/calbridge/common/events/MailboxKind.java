package io.calbridge.common.events;

/** Whether an Exchange Online mailbox belongs to a person or to a room (resource) account. */
public enum MailboxKind {
    /** A person's mailbox. */
    USER,
    /** A room mailbox, as listed in one of the tenant's room lists. */
    ROOM
}
