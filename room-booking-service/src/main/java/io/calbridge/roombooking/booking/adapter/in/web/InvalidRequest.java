package io.calbridge.roombooking.booking.adapter.in.web;

/** A request that is malformed before any booking rule applies: a missing or unusable field. */
class InvalidRequest extends RuntimeException {

    private final String field;

    InvalidRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
