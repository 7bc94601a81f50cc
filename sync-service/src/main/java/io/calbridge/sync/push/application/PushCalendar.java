package io.calbridge.sync.push.application;

import io.calbridge.sync.push.domain.EventContent;

/** Writes Calbridge-owned events into a mailbox's calendar. Graph failures surface as {@code GraphFailure}. */
public interface PushCalendar {

    /**
     * Creates the event with {@code transactionId} (Graph de-duplicates a retried create) and Calbridge's tag.
     *
     * @return the Graph id of the event
     */
    String create(String tenantId, String mailboxId, EventContent content, String transactionId, String tag);

    /** Replaces the event's fields; throws {@code GraphFailure.NotFound} when the event no longer exists. */
    void update(String tenantId, String mailboxId, String graphEventId, EventContent content);

    /** Removes the event; an event already gone is not an error. */
    void delete(String tenantId, String mailboxId, String graphEventId);
}
