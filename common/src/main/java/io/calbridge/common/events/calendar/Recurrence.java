package io.calbridge.common.events.calendar;

import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * Where a calendar event stands in a recurring series.
 *
 * @param type           Graph's event {@code type}
 * @param seriesMasterId Graph immutable id of the series master; required for {@code OCCURRENCE} and
 *                       {@code EXCEPTION}, {@code null} otherwise
 * @param originalStart  the start (UTC) this occurrence had in the series pattern before any change; required
 *                       for {@code OCCURRENCE} and {@code EXCEPTION}, {@code null} otherwise
 */
public record Recurrence(Type type, String seriesMasterId, Instant originalStart) {

    /** A one-off event. */
    public static final Recurrence SINGLE = new Recurrence(Type.SINGLE_INSTANCE, null, null);

    public Recurrence {
        Require.present(type, "recurrence.type");
        boolean inSeries = type == Type.OCCURRENCE || type == Type.EXCEPTION;
        if (inSeries) {
            Require.text(seriesMasterId, "recurrence.seriesMasterId");
            Require.present(originalStart, "recurrence.originalStart");
        } else if (seriesMasterId != null || originalStart != null) {
            throw new IllegalArgumentException(
                    "recurrence.seriesMasterId and recurrence.originalStart apply only to OCCURRENCE and EXCEPTION, got type " + type);
        }
    }

    /** Graph's event types. */
    public enum Type {
        /** A one-off event. */
        SINGLE_INSTANCE,
        /** An unchanged occurrence of a series. */
        OCCURRENCE,
        /** An occurrence that was changed from the series pattern. */
        EXCEPTION,
        /** The event that holds a series' pattern. */
        SERIES_MASTER
    }
}
