package io.calbridge.sync.calendar.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event stands in a recurring series, as Graph's {@code type}, {@code seriesMasterId} and
 * {@code originalStart} say.
 *
 * @param seriesMasterId the master's id for occurrences and exceptions, else null
 * @param originalStart  the start the occurrence had in the pattern, for occurrences and exceptions, else null
 */
public record SeriesPosition(Kind kind, String seriesMasterId, Instant originalStart) {

    public static final SeriesPosition SINGLE = new SeriesPosition(Kind.SINGLE_INSTANCE, null, null);

    public SeriesPosition {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.OCCURRENCE || kind == Kind.EXCEPTION) {
            Objects.requireNonNull(seriesMasterId, "seriesMasterId of an occurrence or exception");
            Objects.requireNonNull(originalStart, "originalStart of an occurrence or exception");
        } else {
            seriesMasterId = null;
            originalStart = null;
        }
    }

    /** Graph's event types. */
    public enum Kind { SINGLE_INSTANCE, OCCURRENCE, EXCEPTION, SERIES_MASTER }

    /** Whether the event belongs to a series (an occurrence or an exception of it). */
    public boolean inSeries() {
        return seriesMasterId != null;
    }
}
