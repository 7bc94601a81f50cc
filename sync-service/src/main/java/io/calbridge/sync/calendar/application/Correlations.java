package io.calbridge.sync.calendar.application;

/**
 * Which request of Calbridge's own caused a change to an event: the {@code correlationId} of the push that wrote it,
 * handed out once, so that a later edit by a person carries none.
 */
public interface Correlations {

    /** The pending correlation id of the event, cleared as it is taken; null when there is none. */
    String take(String tenantId, String mailboxId, String eventId);
}
