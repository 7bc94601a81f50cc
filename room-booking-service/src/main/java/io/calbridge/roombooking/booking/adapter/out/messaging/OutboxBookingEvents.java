package io.calbridge.roombooking.booking.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.Participant;
import io.calbridge.common.events.booking.BookingMode;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.booking.RoomBookingCancelled;
import io.calbridge.common.events.booking.RoomBookingDeclined;
import io.calbridge.messaging.Outbox;
import io.calbridge.roombooking.booking.application.BookingEvents;
import io.calbridge.roombooking.booking.domain.Booking;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Maps booking facts to the {@code room-booking.bookings} contracts in {@code common} and appends them to the outbox. */
@Component
public class OutboxBookingEvents implements BookingEvents {

    private final Outbox outbox;
    private final CloudEventCodec codec;

    public OutboxBookingEvents(Outbox outbox, CloudEventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void booked(Booking b, Instant at) {
        append(new RoomBooked(b.tenantId(), b.id(), b.roomId(), b.roomEmail(), organizer(b), b.organizerId(),
                b.slot().start(), b.slot().end(), blankToNull(b.subject()), mode(b), b.eventId(),
                b.iCalUId() != null ? b.iCalUId() : b.eventId(), at, b.correlationId()), at);
    }

    @Override
    public void cancelled(Booking b, CancelReason reason, String cancelledBy, String detail, Instant at) {
        append(new RoomBookingCancelled(b.tenantId(), b.id(), b.roomId(), b.roomEmail(), b.slot().start(),
                b.slot().end(), RoomBookingCancelled.Reason.valueOf(reason.name()), cancelledBy, detail, at,
                b.correlationId()), at);
    }

    @Override
    public void declined(Booking b, DeclineReason reason, String detail, Instant at) {
        append(new RoomBookingDeclined(b.tenantId(), b.id(), b.roomId(), b.roomEmail(), organizer(b), b.slot().start(),
                b.slot().end(), RoomBookingDeclined.Reason.valueOf(reason.name()), detail, at, b.correlationId()), at);
    }

    private void append(io.calbridge.common.events.CalbridgeEvent event, Instant at) {
        outbox.append(codec.encode(event, UUID.randomUUID(), at));
    }

    private static Participant organizer(Booking b) {
        return new Participant(b.organizer(), blankToNull(b.organizerName()));
    }

    private static BookingMode mode(Booking b) {
        return switch (b.mode()) {
            case ROOM_CALENDAR -> BookingMode.ROOM_IMPERSONATION;
            case INVITE -> BookingMode.RESOURCE_ATTENDEE;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
