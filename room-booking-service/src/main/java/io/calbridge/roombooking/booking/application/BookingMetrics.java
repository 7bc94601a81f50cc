package io.calbridge.roombooking.booking.application;

/**
 * Counts what happens to bookings, per tenant: how requests and bookings end, and how often a request lost its slot
 * to another booking or a meeting. Implemented by a metrics adapter ({@code calbridge.bookings},
 * {@code calbridge.booking.conflicts}).
 */
public interface BookingMetrics {

    /** How a booking request or a booking ended. */
    enum Outcome {
        /** The room is booked (ROOM_CALENDAR at once, INVITE when the room accepted). */
        BOOKED,
        /** A booking that held the room was cancelled (organizer, admin, calendar deletion, room removed). */
        CANCELLED,
        /** The room declined, or did not answer an INVITE in time. */
        DECLINED,
        /** Nobody checked in, so the room was released. */
        NO_SHOW,
        /** Exchange could not be written or the result not recorded; nothing was kept. */
        FAILED
    }

    /** Counts nothing; for tests that do not look at metrics. */
    BookingMetrics NONE = new BookingMetrics() {
        @Override
        public void outcome(String tenantId, Outcome outcome) {
        }

        @Override
        public void conflict(String tenantId) {
        }
    };

    void outcome(String tenantId, Outcome outcome);

    /** A request was refused because its slot is taken (409). */
    void conflict(String tenantId);
}
