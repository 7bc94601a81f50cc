package io.calbridge.roombooking.booking.adapter.in.web;

import io.calbridge.roombooking.booking.domain.Booking;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A booking as the API shows it. */
public record BookingResponse(UUID id, String tenantId, String roomId, String roomEmail, String organizer,
                              Instant start, Instant end, String subject, List<String> attendees, String mode,
                              String status, String eventId, Instant checkedInAt, Instant createdAt) {

    static BookingResponse of(Booking b) {
        return new BookingResponse(b.id(), b.tenantId(), b.roomId(), b.roomEmail(), b.organizer(), b.slot().start(),
                b.slot().end(), b.subject(), b.attendees(), b.mode().name(), b.status().name(), b.eventId(),
                b.checkedInAt(), b.createdAt());
    }
}
