package io.calbridge.common.events.calendar;

/** How an event blocks the calendar owner's time, as Graph's {@code showAs}. */
public enum ShowAs {
    /** Time is available. */
    FREE,
    /** Time is provisionally taken. */
    TENTATIVE,
    /** Time is taken. */
    BUSY,
    /** The owner is away ({@code oof} in Graph). */
    OUT_OF_OFFICE,
    /** The owner works elsewhere. */
    WORKING_ELSEWHERE,
    /** Graph reports no status. */
    UNKNOWN
}
