package io.calbridge.roombooking.booking.domain;

/** How a booking is written into Exchange, per tenant. */
public enum BookingMode {
    /** The service account writes the event into the room's calendar and invites the organizer and attendees. */
    ROOM_CALENDAR,
    /** The event goes into the organizer's calendar with the room as a resource attendee; the room answers. */
    INVITE
}
