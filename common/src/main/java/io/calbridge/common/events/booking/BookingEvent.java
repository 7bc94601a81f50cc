package io.calbridge.common.events.booking;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;
import java.time.Instant;
import java.util.UUID;

/** Every event on {@link Topics#BOOKINGS}; consumers switch over it exhaustively. */
public sealed interface BookingEvent extends CalbridgeEvent
        permits RoomBooked, RoomBookingCancelled, RoomBookingDeclined {

    /** Room-booking's id for the booking, stable across all of its events. */
    UUID bookingId();

    /** Entra object id (GUID string) of the room's resource account; second half of the key. */
    String roomId();

    /** Primary SMTP address of the room mailbox. */
    String roomAddress();

    /** When the booked slot starts (UTC). */
    Instant start();

    /** When the booked slot ends (UTC); after {@link #start()}. */
    Instant end();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), roomId());
    }

    @Override
    default String topic() {
        return Topics.BOOKINGS;
    }
}
