package io.calbridge.roombooking.availability.application;

import io.calbridge.roombooking.availability.domain.IndexedEvent;
import io.calbridge.roombooking.booking.application.FollowRoomCalendar;
import java.util.UUID;

/**
 * Applies a room calendar change reported by sync to the availability index, and lets bookings follow it (an
 * Outlook deletion of a booked meeting, a room accepting an invitation). Runs in the consumer's transaction.
 */
public class IndexRoomCalendar {

    private static final String BOOKING_PREFIX = "booking:";

    private final AvailabilityIndex index;
    private final FollowRoomCalendar bookings;

    public IndexRoomCalendar(AvailabilityIndex index, FollowRoomCalendar bookings) {
        this.index = index;
        this.bookings = bookings;
    }

    /** An event was created or updated; cancelled events free their slot. */
    public void present(IndexedEvent event, boolean cancelled) {
        index.markWarm(event.tenantId(), event.roomId());
        if (cancelled) {
            index.remove(event.tenantId(), event.roomId(), event.eventId());
        } else {
            index.put(event);
        }
        bookings.eventPresent(event.tenantId(), event.iCalUId(), cancelled, event.eventId());
    }

    public void deleted(String tenantId, String roomId, String eventId) {
        index.markWarm(tenantId, roomId);
        index.remove(tenantId, roomId, eventId);
        bookings.eventGone(tenantId, eventId, null);
    }

    /** The booking id in a Calbridge tag, or null for other tags and untagged events. */
    public static UUID bookingIdOf(String calbridgeTag) {
        if (calbridgeTag == null || !calbridgeTag.startsWith(BOOKING_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(calbridgeTag.substring(BOOKING_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
