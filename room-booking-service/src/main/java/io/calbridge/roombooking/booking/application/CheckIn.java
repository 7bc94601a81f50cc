package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingNotFound;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Records that the meeting took place, so the no-show release leaves the booking alone. */
public class CheckIn {

    private final Bookings bookings;
    private final Transactions transactions;
    private final BookingSettings settings;
    private final Clock clock;

    public CheckIn(Bookings bookings, Transactions transactions, BookingSettings settings, Clock clock) {
        this.bookings = bookings;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    public Booking checkIn(String tenantId, UUID id) {
        Booking booking = bookings.find(tenantId, id).orElseThrow(() -> new BookingNotFound(id));
        if (booking.checkedInAt() != null) {
            return booking;
        }
        if (booking.status() != BookingStatus.CONFIRMED) {
            throw new BookingStateConflict("booking-not-active", "Booking " + id + " is " + booking.status());
        }
        Instant now = clock.instant();
        if (now.isBefore(booking.slot().start().minus(settings.checkInOpensBefore()))) {
            throw new BookingStateConflict("check-in-not-open", "Check-in opens "
                    + settings.checkInOpensBefore().toMinutes() + " minutes before the start (" + booking.slot().start() + ")");
        }
        if (!now.isBefore(booking.slot().end())) {
            throw new BookingStateConflict("check-in-closed", "The booking ended at " + booking.slot().end());
        }
        Booking checkedIn = booking.checkedIn(now);
        boolean done = transactions.inTransaction(() -> bookings.transition(checkedIn, BookingStatus.CONFIRMED, true));
        if (!done) {
            throw new BookingStateConflict("booking-not-active", "Booking " + id + " was released or cancelled meanwhile");
        }
        return checkedIn;
    }
}
