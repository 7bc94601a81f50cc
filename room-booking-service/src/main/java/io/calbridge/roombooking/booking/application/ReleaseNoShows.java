package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases confirmed bookings nobody checked in to within the grace period: the Graph event is deleted and
 * {@code RoomBookingCancelled} with reason {@code NO_SHOW} is published.
 */
public class ReleaseNoShows {

    private static final Logger log = LoggerFactory.getLogger(ReleaseNoShows.class);

    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final BookingSettings settings;
    private final Clock clock;
    private final BookingMetrics metrics;

    public ReleaseNoShows(Bookings bookings, RoomCalendar calendar, BookingEvents events, Transactions transactions,
                          BookingSettings settings, Clock clock, BookingMetrics metrics) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @return how many bookings were released */
    public int releaseDue() {
        Instant now = clock.instant();
        int released = 0;
        for (Booking booking : bookings.notCheckedIn(now.minus(settings.checkInGrace()), 100)) {
            try {
                calendar.delete(booking);
            } catch (CalendarUnavailable e) {
                log.warn("No-show booking {} not released yet: {}", booking.id(), e.getMessage());
                continue;
            }
            Booking next = booking.withStatus(BookingStatus.RELEASED);
            boolean done = transactions.inTransaction(() -> {
                if (!bookings.transition(next, BookingStatus.CONFIRMED, true)) {
                    return false;
                }
                events.cancelled(next, BookingEvents.CancelReason.NO_SHOW, null,
                        "Nobody checked in within " + settings.checkInGrace().toMinutes() + " minutes", clock.instant());
                return true;
            });
            if (done) {
                released++;
                metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.NO_SHOW);
                log.info("Booking {} of room {} released: nobody checked in", booking.id(), booking.roomEmail());
            }
        }
        return released;
    }
}
