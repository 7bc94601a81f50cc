package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.DeltaPage;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.SyncWindow;
import java.util.Map;
import java.util.Optional;

/** A mailbox's calendar in Graph, read with background priority. Graph failures surface as {@code GraphFailure}. */
public interface MailboxCalendar {

    /**
     * One page of calendarView/delta.
     *
     * @param link a nextLink or deltaLink to follow, or null for the initial request over {@code window}
     * @throws DeltaExpired when Graph says the sync state is gone (410, {@code syncStateNotFound}, {@code resyncRequired})
     */
    DeltaPage delta(Mailbox mailbox, SyncWindow window, String link);

    /** Every item of the mailbox that carries Calbridge's tag, by id (single instances and series masters). */
    Map<String, String> taggedItems(Mailbox mailbox);

    /** The tag of one item; empty when it has none or no longer exists. */
    Optional<String> tagOf(Mailbox mailbox, String itemId);
}
