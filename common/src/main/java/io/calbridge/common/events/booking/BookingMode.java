package io.calbridge.common.events.booking;

/** How a booking is written into Exchange, chosen per tenant. */
public enum BookingMode {
    /** The service account writes the event into the room's calendar and invites the organizer. */
    ROOM_IMPERSONATION,
    /** The service account writes the event into the organizer's calendar and invites the room as a resource. */
    RESOURCE_ATTENDEE
}
