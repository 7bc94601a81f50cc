package io.calbridge.common.events.booking;

import io.calbridge.common.events.Participant;
import io.calbridge.common.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A room is booked for a time slot and the booking is in Exchange: the room holds the slot.
 *
 * @param tenantId        Microsoft Entra tenant id of the organisation
 * @param bookingId       room-booking's id for the booking
 * @param roomId          Entra object id (GUID string) of the room's resource account; key is {@code tenantId/roomId}
 * @param roomAddress     primary SMTP address of the room mailbox
 * @param organizer       who the booking is for
 * @param organizerId     the organizer's Entra object id; {@code null} for an organizer outside the tenant
 * @param start           when the slot starts (UTC)
 * @param end             when the slot ends (UTC); after {@code start}
 * @param title           the meeting's subject line as the organizer gave it (named {@code title} because
 *                        {@code subject()} is the Kafka key); {@code null} for none
 * @param mode            how the booking was written into Exchange
 * @param calendarEventId Graph immutable id of the event in the calendar the service account wrote (the
 *                        room's for {@code ROOM_IMPERSONATION}, the organizer's for {@code RESOURCE_ATTENDEE})
 * @param iCalUId         iCalendar UID of the meeting, the same in the room's and the organizer's calendar
 * @param occurredAt      when the booking was confirmed (UTC)
 * @param correlationId   the booking front end's request id; {@code null} when it sent none
 */
public record RoomBooked(
        String tenantId,
        UUID bookingId,
        String roomId,
        String roomAddress,
        Participant organizer,
        String organizerId,
        Instant start,
        Instant end,
        String title,
        BookingMode mode,
        String calendarEventId,
        String iCalUId,
        Instant occurredAt,
        String correlationId) implements BookingEvent {

    public RoomBooked {
        Require.id(tenantId, "tenantId");
        Require.present(bookingId, "bookingId");
        Require.id(roomId, "roomId");
        Require.address(roomAddress, "roomAddress");
        Require.present(organizer, "organizer");
        Require.optionalText(organizerId, "organizerId");
        Require.interval(start, end, "start", "end");
        Require.optionalText(title, "title");
        Require.present(mode, "mode");
        Require.text(calendarEventId, "calendarEventId");
        Require.text(iCalUId, "iCalUId");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
