package io.calbridge.roombooking.booking.domain;

/** Where a booking stands; only PENDING, REQUESTED and CONFIRMED hold the room. */
public enum BookingStatus {
    /** Recorded, the calendar write is under way. */
    PENDING,
    /** INVITE mode: the room was invited and has not answered yet. */
    REQUESTED,
    /** The room's calendar holds the booking. */
    CONFIRMED,
    /** The calendar write failed; nothing was left in Exchange. */
    FAILED,
    /** The room declined or never answered the invitation, or its calendar turned out to be taken. */
    DECLINED,
    /** Cancelled by the organizer, or deleted from the room's calendar. */
    CANCELLED,
    /** Released because nobody checked in within the grace period. */
    RELEASED;

    public boolean holdsRoom() {
        return this == PENDING || this == REQUESTED || this == CONFIRMED;
    }
}
