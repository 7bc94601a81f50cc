package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import java.time.Instant;

/** Publishes booking facts for other systems; every method must run inside the transaction that changed the booking. */
public interface BookingEvents {

    /** Why a booking that held the room ended. */
    enum CancelReason { CANCELLED_BY_ORGANIZER, NO_SHOW, DELETED_FROM_CALENDAR, DECLINED_BY_ROOM, ROOM_REMOVED }

    /** Why a booking request never held the room. */
    enum DeclineReason { DECLINED_BY_ROOM, ROOM_UNAVAILABLE, SLOT_TAKEN }

    void booked(Booking booking, Instant at);

    void cancelled(Booking booking, CancelReason reason, String cancelledBy, String detail, Instant at);

    void declined(Booking booking, DeclineReason reason, String detail, Instant at);
}
