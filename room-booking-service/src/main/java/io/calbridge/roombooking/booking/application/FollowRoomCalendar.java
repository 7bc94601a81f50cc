package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps bookings in line with what sync reports from room calendars: an event of a confirmed booking deleted or
 * cancelled outside Calbridge ends the booking ({@code DELETED_FROM_CALENDAR}). Runs inside the consumer's transaction.
 */
public class FollowRoomCalendar {

    private static final Logger log = LoggerFactory.getLogger(FollowRoomCalendar.class);

    private final Bookings bookings;
    private final BookingEvents events;
    private final FollowInvites invites;
    private final Clock clock;
    private final BookingMetrics metrics;

    public FollowRoomCalendar(Bookings bookings, BookingEvents events, FollowInvites invites, Clock clock,
                              BookingMetrics metrics) {
        this.bookings = bookings;
        this.events = events;
        this.invites = invites;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A room event exists (created or updated); an INVITE booking whose meeting it is counts as accepted. */
    public void eventPresent(String tenantId, String iCalUId, boolean cancelled, String eventId) {
        if (cancelled) {
            eventGone(tenantId, eventId, iCalUId);
            return;
        }
        if (iCalUId != null) {
            invites.roomCopySeen(tenantId, iCalUId);
        }
    }

    /** A room event was deleted or cancelled; a confirmed booking holding it ends. */
    public void eventGone(String tenantId, String eventId, String iCalUId) {
        bookings.findByEvent(tenantId, eventId, iCalUId)
                .filter(b -> b.status() == BookingStatus.CONFIRMED)
                .ifPresent(booking -> {
                    Booking cancelled = booking.withStatus(BookingStatus.CANCELLED);
                    if (bookings.transition(cancelled, BookingStatus.CONFIRMED, false)) {
                        events.cancelled(cancelled, BookingEvents.CancelReason.DELETED_FROM_CALENDAR, null,
                                "The meeting was removed from the room's calendar outside Calbridge", clock.instant());
                        metrics.outcome(tenantId, BookingMetrics.Outcome.CANCELLED);
                        log.info("Booking {} of room {} ended: its event left the room's calendar", booking.id(),
                                booking.roomEmail());
                    }
                });
    }
}
