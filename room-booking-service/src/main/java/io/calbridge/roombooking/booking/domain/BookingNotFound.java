package io.calbridge.roombooking.booking.domain;

import java.util.UUID;

/** No booking with this id exists for the tenant. */
public class BookingNotFound extends RuntimeException {

    private final UUID bookingId;

    public BookingNotFound(UUID bookingId) {
        super("No booking " + bookingId);
        this.bookingId = bookingId;
    }

    public UUID bookingId() {
        return bookingId;
    }
}
