package io.calbridge.common.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Checks shared by the compact constructors of event records. Each check names the field, so a rejected
 * message can say what was wrong.
 */
public final class Require {

    private Require() {
    }

    /** A non-null value. */
    public static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    /** A non-null, non-blank string. */
    public static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Null, or a non-blank string. */
    public static String optionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must be absent or not blank");
        }
        return value;
    }

    /** A non-blank id that can be half of a {@code tenantId/id} key, so it holds no {@code /}. */
    public static String id(String value, String field) {
        text(value, field);
        if (value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(field + " must not contain '/', got '" + value + "'");
        }
        return value;
    }

    /** A non-blank string with one {@code @} that is neither first nor last: an SMTP address in its simplest form. */
    public static String address(String value, String field) {
        text(value, field);
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.strip().length() != value.length()) {
            throw new IllegalArgumentException(field + " must be an SMTP address, got '" + value + "'");
        }
        return value;
    }

    /** Null, or an SMTP address as in {@link #address}. */
    public static String optionalAddress(String value, String field) {
        return value == null ? null : address(value, field);
    }

    /** Two instants where the end is after the start. */
    public static void interval(Instant start, Instant end, String startField, String endField) {
        present(start, startField);
        present(end, endField);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(endField + " (" + end + ") must be after " + startField + " (" + start + ")");
        }
    }

    /** An unmodifiable copy of a list; null becomes empty, null elements are rejected. */
    public static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException(field + "[" + i + "] is null");
            }
        }
        return List.copyOf(values);
    }
}
