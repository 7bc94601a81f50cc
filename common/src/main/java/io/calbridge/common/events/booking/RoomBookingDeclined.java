package io.calbridge.common.events.booking;

import io.calbridge.common.events.Participant;
import io.calbridge.common.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking request was refused and never held the room; nothing stays in the room's calendar.
 *
 * @param tenantId      Microsoft Entra tenant id of the organisation
 * @param bookingId     room-booking's id for the refused request
 * @param roomId        Entra object id (GUID string) of the room's resource account; key is {@code tenantId/roomId}
 * @param roomAddress   primary SMTP address of the room mailbox
 * @param organizer     who asked for the room
 * @param start         when the requested slot starts (UTC)
 * @param end           when the requested slot ends (UTC); after {@code start}
 * @param reason        why the request was refused
 * @param detail        a human-readable explanation, such as the room's decline message; {@code null} when the
 *                      reason says it all
 * @param occurredAt    when room-booking refused the request (UTC)
 * @param correlationId the booking front end's request id; {@code null} when it sent none
 */
public record RoomBookingDeclined(
        String tenantId,
        UUID bookingId,
        String roomId,
        String roomAddress,
        Participant organizer,
        Instant start,
        Instant end,
        Reason reason,
        String detail,
        Instant occurredAt,
        String correlationId) implements BookingEvent {

    public RoomBookingDeclined {
        Require.id(tenantId, "tenantId");
        Require.present(bookingId, "bookingId");
        Require.id(roomId, "roomId");
        Require.address(roomAddress, "roomAddress");
        Require.present(organizer, "organizer");
        Require.interval(start, end, "start", "end");
        Require.present(reason, "reason");
        Require.optionalText(detail, "detail");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** Why a booking request was refused. */
    public enum Reason {
        /** Another booking or calendar event already holds the slot. */
        SLOT_TAKEN,
        /** The room mailbox's own booking policy declined the meeting. */
        DECLINED_BY_ROOM,
        /** The slot is further ahead than the room's booking window allows. */
        OUTSIDE_BOOKING_WINDOW,
        /** The slot is longer than the room's maximum duration. */
        DURATION_EXCEEDED,
        /** The organizer may not book this room. */
        ORGANIZER_NOT_ALLOWED,
        /** The room is not connected, or not bookable, in Calbridge. */
        ROOM_UNAVAILABLE
    }
}
