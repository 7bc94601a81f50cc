package io.calbridge.common.cloudevents;

import java.util.Objects;

/**
 * A Kafka message cannot be read as a Calbridge event. The messaging kernel puts {@link #reason()} on the
 * dead letter and moves on; retrying the same bytes cannot succeed.
 */
public final class InvalidEventException extends RuntimeException {

    /** Why a message was rejected; stable names, safe to put in a dead-letter header. */
    public enum Reason {
        /** A required {@code ce_*} or {@code content-type} header is absent or blank. */
        MISSING_HEADER,
        /** A header is present but its value cannot be used (for example a {@code ce_time} that is not RFC 3339). */
        INVALID_HEADER,
        /** {@code ce_specversion} is not {@code 1.0}. */
        UNSUPPORTED_SPEC_VERSION,
        /** {@code content-type} is not {@code application/json}. */
        UNSUPPORTED_CONTENT_TYPE,
        /** {@code ce_type} is not in {@link EventTypes}. */
        UNKNOWN_TYPE,
        /** The payload is empty, not JSON, or not a JSON object. */
        MALFORMED_JSON,
        /** The JSON is an object, but a required field is missing or a field has a wrong type or value. */
        INVALID_FIELD,
        /** The Kafka record has no key. */
        MISSING_KEY,
        /** The key, {@code ce_subject} and the subject computed from the payload do not all agree. */
        SUBJECT_MISMATCH,
        /** The {@code ce_type} belongs on another topic than the one the message was read from. */
        TOPIC_MISMATCH
    }

    private final Reason reason;

    /** A rejection with a reason and a message for people; the message is prefixed with the reason. */
    public InvalidEventException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A rejection caused by a lower-level failure, such as Jackson's. */
    public InvalidEventException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-readable reason. */
    public Reason reason() {
        return reason;
    }
}
