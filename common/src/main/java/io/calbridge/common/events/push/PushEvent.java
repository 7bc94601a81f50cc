package io.calbridge.common.events.push;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;

/** Every event on {@link Topics#PUSHES}; consumers switch over it exhaustively. */
public sealed interface PushEvent extends CalbridgeEvent permits CalendarEventPushRequested {

    /** Entra object id (GUID string) of the mailbox whose calendar is written; second half of the key. */
    String mailboxId();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), mailboxId());
    }

    @Override
    default String topic() {
        return Topics.PUSHES;
    }
}
