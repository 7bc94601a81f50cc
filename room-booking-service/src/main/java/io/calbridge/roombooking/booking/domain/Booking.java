package io.calbridge.roombooking.booking.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A room booking made through Calbridge.
 *
 * @param id             Calbridge's booking id; tagged on the calendar event as {@code booking:<id>}
 * @param roomId         Entra object id of the room mailbox
 * @param roomEmail      SMTP address of the room mailbox
 * @param organizer      SMTP address (or UPN) of the person the booking is for
 * @param organizerId    the organizer's Entra object id, when the directory knows it
 * @param attendees      SMTP addresses invited besides the organizer
 * @param requestHash    fingerprint of the request body, to tell a replay from a reuse of the idempotency key
 * @param eventMailbox   whose calendar holds the event Calbridge wrote (the room's or the organizer's)
 * @param eventId        Graph immutable id of that event; null until written
 * @param iCalUId        iCalendar UID of the meeting; null until written
 * @param checkedInAt    when someone checked in; null before
 */
public record Booking(UUID id, String tenantId, String roomId, String roomEmail, String organizer,
                      String organizerName, String organizerId, TimeSlot slot, String subject, List<String> attendees,
                      BookingMode mode, BookingStatus status, String idempotencyKey, String requestHash,
                      String eventMailbox, String eventId, String iCalUId, Instant checkedInAt, String failure,
                      String correlationId, Instant createdAt) {

    /** The failure of a booking whose request died before its calendar write was recorded and which was released. */
    public static final String ABANDONED =
            "The service stopped before the calendar write was recorded and no event reached the room's calendar";

    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(roomEmail, "roomEmail");
        Objects.requireNonNull(organizer, "organizer");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    /** The value of Calbridge's extended property on the event written for this booking. */
    public String tag() {
        return "booking:" + id;
    }

    public Booking withStatus(BookingStatus newStatus) {
        return new Booking(id, tenantId, roomId, roomEmail, organizer, organizerName, organizerId, slot, subject,
                attendees, mode, newStatus, idempotencyKey, requestHash, eventMailbox, eventId, iCalUId, checkedInAt,
                failure, correlationId, createdAt);
    }

    public Booking failed(String reason) {
        return new Booking(id, tenantId, roomId, roomEmail, organizer, organizerName, organizerId, slot, subject,
                attendees, mode, BookingStatus.FAILED, idempotencyKey, requestHash, eventMailbox, eventId, iCalUId,
                checkedInAt, reason, correlationId, createdAt);
    }

    /**
     * The booking released by the recovery of a request that died before its Graph write was recorded, when no event
     * of it is in Exchange: FAILED, holding nothing.
     */
    public Booking abandoned() {
        return failed(ABANDONED);
    }

    /** Whether the booking was released by the recovery of a request that died mid-way (see {@link #abandoned()}). */
    public boolean wasAbandoned() {
        return status == BookingStatus.FAILED && ABANDONED.equals(failure);
    }

    public Booking written(BookingStatus newStatus, String mailbox, String newEventId, String newICalUId) {
        return new Booking(id, tenantId, roomId, roomEmail, organizer, organizerName, organizerId, slot, subject,
                attendees, mode, newStatus, idempotencyKey, requestHash, mailbox, newEventId, newICalUId, checkedInAt,
                failure, correlationId, createdAt);
    }

    public Booking changed(TimeSlot newSlot, String newSubject, List<String> newAttendees) {
        return new Booking(id, tenantId, roomId, roomEmail, organizer, organizerName, organizerId, newSlot, newSubject,
                newAttendees, mode, status, idempotencyKey, requestHash, eventMailbox, eventId, iCalUId, checkedInAt,
                failure, correlationId, createdAt);
    }

    public Booking checkedIn(Instant at) {
        return new Booking(id, tenantId, roomId, roomEmail, organizer, organizerName, organizerId, slot, subject,
                attendees, mode, status, idempotencyKey, requestHash, eventMailbox, eventId, iCalUId, at, failure,
                correlationId, createdAt);
    }
}
