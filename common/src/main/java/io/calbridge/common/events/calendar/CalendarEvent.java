package io.calbridge.common.events.calendar;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;

/** Every event on {@link Topics#CALENDAR_EVENTS}; consumers switch over it exhaustively. */
public sealed interface CalendarEvent extends CalbridgeEvent permits CalendarEventChanged {

    /** Entra object id (GUID string) of the mailbox whose calendar changed; second half of the key. */
    String mailboxId();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), mailboxId());
    }

    @Override
    default String topic() {
        return Topics.CALENDAR_EVENTS;
    }
}
