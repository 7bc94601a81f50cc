package io.calbridge.roombooking.booking.domain;

/** A booking request breaks a rule; {@code field} names the request field at fault. */
public class InvalidBooking extends RuntimeException {

    private final String field;
    private final String code;

    public InvalidBooking(String field, String code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    public String field() {
        return field;
    }

    /** A stable reason code, for example {@code in-the-past}. */
    public String code() {
        return code;
    }
}
