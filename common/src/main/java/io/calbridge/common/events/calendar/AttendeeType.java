package io.calbridge.common.events.calendar;

/** How a participant was invited, as Graph's attendee {@code type}. */
public enum AttendeeType {
    /** Required attendee. */
    REQUIRED,
    /** Optional attendee. */
    OPTIONAL,
    /** A resource such as a room or equipment mailbox. */
    RESOURCE
}
