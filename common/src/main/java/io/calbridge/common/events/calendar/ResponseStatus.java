package io.calbridge.common.events.calendar;

/** An attendee's or owner's answer to a meeting invitation, as Graph's {@code responseStatus.response}. */
public enum ResponseStatus {
    /** No response recorded. */
    NONE,
    /** The participant organised the meeting. */
    ORGANIZER,
    /** Tentatively accepted. */
    TENTATIVELY_ACCEPTED,
    /** Accepted; for a room this means the booking holds. */
    ACCEPTED,
    /** Declined; for a room this means the room refused the booking. */
    DECLINED,
    /** Invited but has not answered. */
    NOT_RESPONDED
}
