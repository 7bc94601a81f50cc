package io.calbridge.roombooking.booking.domain;

/** The booking is not in a state that allows the operation (for example a check-in of a cancelled booking). */
public class BookingStateConflict extends RuntimeException {

    private final String code;

    public BookingStateConflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
