package io.calbridge.common.events.account;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;

/** Every event on {@link Topics#ACCOUNTS}; consumers switch over it exhaustively. */
public sealed interface AccountEvent extends CalbridgeEvent permits AccountConnected, AccountDisconnected {

    /** Entra object id (GUID string) of the mailbox owner, a person or a room account; second half of the key. */
    String mailboxId();

    /** Primary SMTP address of the mailbox. */
    String mailboxAddress();

    /** Whether the mailbox is a person's or a room's. */
    MailboxKind kind();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), mailboxId());
    }

    @Override
    default String topic() {
        return Topics.ACCOUNTS;
    }
}
