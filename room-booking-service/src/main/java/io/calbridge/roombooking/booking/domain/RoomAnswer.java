package io.calbridge.roombooking.booking.domain;

/** A room's answer to an invitation, as the organizer's copy of the meeting shows it. */
public enum RoomAnswer {
    NONE,
    TENTATIVE,
    ACCEPTED,
    DECLINED,
    /** The organizer's event is gone. */
    EVENT_MISSING
}
