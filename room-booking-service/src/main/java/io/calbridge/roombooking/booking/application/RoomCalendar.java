package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.RoomAnswer;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import java.util.List;
import java.util.Optional;

/**
 * The Exchange side of a booking, through the tenant's service account. Every method blocks until Graph answered
 * (interactive priority) and fails with {@link CalendarUnavailable}.
 */
public interface RoomCalendar {

    /** Where a booking's event was written. */
    record WrittenEvent(String mailbox, String eventId, String iCalUId) {}

    /**
     * Events in the room's calendar overlapping {@code slot} that block it (busy, tentative or away; not cancelled),
     * except the one tagged with {@code ownTag}. Read straight from the room's calendar, because writing directly into
     * it skips Exchange's own conflict check (GRAPH-FACTS §6.3).
     */
    List<TimeSlot> blockingEvents(String tenantId, String roomId, TimeSlot slot, String ownTag);

    /**
     * Writes the booking's event: into the room's calendar with the organizer and attendees invited
     * ({@code ROOM_CALENDAR}), or into the organizer's calendar with the room as resource ({@code INVITE}). The
     * transactionId derives from tenant and idempotency key, so a retried write cannot create a second event.
     */
    WrittenEvent create(Booking booking);

    /** Updates time, subject and attendees of the booking's event. */
    void update(Booking booking);

    /** Deletes the booking's event (attendees get a cancellation); an event already gone is fine. */
    void delete(Booking booking);

    /** Deletes any event tagged for the booking in {@code mailbox}, for a write whose outcome is unknown. */
    void deleteTagged(Booking booking, String mailbox);

    /**
     * The event tagged for the booking in its {@code eventMailbox}, if a write reached Exchange; for a booking whose
     * write outcome was never recorded.
     */
    Optional<WrittenEvent> findTagged(Booking booking);

    /** The room's answer to an INVITE booking, read from the organizer's event. */
    RoomAnswer answer(Booking booking);
}
