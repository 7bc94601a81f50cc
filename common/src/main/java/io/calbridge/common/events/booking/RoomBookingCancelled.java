package io.calbridge.common.events.booking;

import io.calbridge.common.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking that was confirmed by {@code RoomBooked} no longer holds the room; the slot is free again.
 *
 * @param tenantId      Microsoft Entra tenant id of the organisation
 * @param bookingId     room-booking's id for the booking
 * @param roomId        Entra object id (GUID string) of the room's resource account; key is {@code tenantId/roomId}
 * @param roomAddress   primary SMTP address of the room mailbox
 * @param start         when the cancelled slot started (UTC), as booked
 * @param end           when the cancelled slot ended (UTC), as booked
 * @param reason        why the booking ended
 * @param cancelledBy   SMTP address of the person who cancelled; {@code null} when Calbridge or Exchange did
 *                      (no-show release, room policy, deleted mailbox)
 * @param detail        a human-readable explanation; {@code null} when the reason says it all
 * @param occurredAt    when room-booking recorded the cancellation (UTC)
 * @param correlationId the request id of the cancellation, or the {@code ce_id} of the
 *                      {@code CalendarEventChanged} that revealed it; {@code null} when none
 */
public record RoomBookingCancelled(
        String tenantId,
        UUID bookingId,
        String roomId,
        String roomAddress,
        Instant start,
        Instant end,
        Reason reason,
        String cancelledBy,
        String detail,
        Instant occurredAt,
        String correlationId) implements BookingEvent {

    public RoomBookingCancelled {
        Require.id(tenantId, "tenantId");
        Require.present(bookingId, "bookingId");
        Require.id(roomId, "roomId");
        Require.address(roomAddress, "roomAddress");
        Require.interval(start, end, "start", "end");
        Require.present(reason, "reason");
        Require.optionalAddress(cancelledBy, "cancelledBy");
        Require.optionalText(detail, "detail");
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** Why a confirmed booking ended. */
    public enum Reason {
        /** Nobody checked in within the grace period, so the room was released. */
        NO_SHOW,
        /** The organizer cancelled through the API or in their calendar. */
        CANCELLED_BY_ORGANIZER,
        /** A tenant admin or room delegate cancelled it. */
        CANCELLED_BY_ADMIN,
        /** The room mailbox declined the meeting after it was booked (for example after a policy change). */
        DECLINED_BY_ROOM,
        /** The meeting was deleted from the room's calendar outside Calbridge. */
        DELETED_FROM_CALENDAR,
        /** The room left Calbridge's scope or its mailbox was deleted. */
        ROOM_REMOVED,
        /** The organizer left the organisation. */
        ORGANIZER_OFFBOARDED
    }
}
