package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingNotFound;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cancels a booking: deletes its Graph event, then records it and publishes {@code RoomBookingCancelled}. */
public class CancelBooking {

    private static final Logger log = LoggerFactory.getLogger(CancelBooking.class);

    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final BookingMetrics metrics;

    public CancelBooking(Bookings bookings, RoomCalendar calendar, BookingEvents events, Transactions transactions,
                         Clock clock, BookingMetrics metrics) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Cancels; cancelling a cancelled booking again changes nothing. */
    public Booking cancel(String tenantId, UUID id) {
        Booking booking = bookings.find(tenantId, id).orElseThrow(() -> new BookingNotFound(id));
        if (booking.status() == BookingStatus.CANCELLED) {
            return booking;
        }
        if (booking.status() != BookingStatus.CONFIRMED && booking.status() != BookingStatus.REQUESTED) {
            throw new BookingStateConflict("booking-not-active", "Booking " + id + " is " + booking.status());
        }
        calendar.delete(booking);
        Booking cancelled = end(booking, BookingEvents.CancelReason.CANCELLED_BY_ORGANIZER, null);
        log.info("Booking {} of room {} cancelled", id, booking.roomEmail());
        return cancelled;
    }

    /**
     * Records a booking whose event is already gone as CANCELLED and, if it was confirmed, publishes
     * {@code RoomBookingCancelled}; a booking that changed state meanwhile is left alone.
     */
    public Booking end(Booking booking, BookingEvents.CancelReason reason, String detail) {
        Booking cancelled = booking.withStatus(BookingStatus.CANCELLED);
        transactions.run(() -> {
            if (bookings.transition(cancelled, booking.status(), false)) {
                if (booking.status() == BookingStatus.CONFIRMED) {
                    events.cancelled(cancelled, reason, null, detail, clock.instant());
                }
                metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.CANCELLED);
            }
        });
        return cancelled;
    }
}
