package io.calbridge.roombooking.booking.domain;

import java.util.UUID;

/**
 * The room is already taken for part of the requested slot.
 *
 * @param conflict  the slot that blocks the request
 * @param bookingId the Calbridge booking holding it; null when it is someone's meeting from the room's calendar
 */
public class SlotTaken extends RuntimeException {

    private final String roomId;
    private final TimeSlot conflict;
    private final UUID bookingId;

    public SlotTaken(String roomId, TimeSlot conflict, UUID bookingId) {
        super("Room " + roomId + " is taken from " + conflict.start() + " to " + conflict.end());
        this.roomId = roomId;
        this.conflict = conflict;
        this.bookingId = bookingId;
    }

    public String roomId() {
        return roomId;
    }

    public TimeSlot conflict() {
        return conflict;
    }

    public UUID bookingId() {
        return bookingId;
    }
}
