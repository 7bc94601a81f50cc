package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.Change;
import io.calbridge.sync.calendar.domain.Mailbox;
import java.time.Instant;

/** Publishes calendar changes to consumers, in the caller's transaction. */
public interface CalendarChanges {

    /**
     * @param item          the event after the change; null for {@link Change#DELETED}
     * @param correlationId  the push that caused the change, or null
     */
    void publish(Mailbox mailbox, Change change, String eventId, CalendarItem item, Instant observedAt, String correlationId);
}
