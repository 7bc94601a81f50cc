package io.calbridge.roombooking.booking.domain;

/**
 * Exchange could not be written or read; the booking was not made (or not changed) and nothing was left half-done.
 *
 * @see #temporary()
 */
public class CalendarUnavailable extends RuntimeException {

    private final boolean temporary;

    public CalendarUnavailable(String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.temporary = temporary;
    }

    /** Whether retrying later may succeed (throttling, outage, open circuit). */
    public boolean temporary() {
        return temporary;
    }
}
