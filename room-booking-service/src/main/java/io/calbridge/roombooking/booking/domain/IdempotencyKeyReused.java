package io.calbridge.roombooking.booking.domain;

import java.util.UUID;

/** The idempotency key was used before for a different request body. */
public class IdempotencyKeyReused extends RuntimeException {

    private final UUID bookingId;

    public IdempotencyKeyReused(String key, UUID bookingId) {
        super("The Idempotency-Key '" + key + "' was already used for a different booking request");
        this.bookingId = bookingId;
    }

    public UUID bookingId() {
        return bookingId;
    }
}
