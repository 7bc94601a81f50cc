package io.calbridge.sync.calendar.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The rolling window of a mailbox's calendarView/delta. Graph bakes it into the delta token, so moving it needs a
 * new initial round (a re-baseline).
 */
public record SyncWindow(Instant start, Instant end) {

    public SyncWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after start " + start);
        }
    }

    /** {@code back} before and {@code ahead} after today's UTC midnight. */
    public static SyncWindow around(Instant now, Duration back, Duration ahead) {
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        return new SyncWindow(midnight.minus(back), midnight.plus(ahead));
    }

    /** Whether an event in [from, to) overlaps the window (a zero-length event at the start counts). */
    public boolean overlaps(Instant from, Instant to) {
        return from.isBefore(end) && (to.isAfter(start) || to.equals(from) && !from.isBefore(start));
    }

    /** Whether this window lags {@code desired} by {@code rollAfter} or more, so it is time to roll it forward. */
    public boolean lagsBehind(SyncWindow desired, Duration rollAfter) {
        return !Duration.between(start, desired.start()).abs().minus(rollAfter).isNegative();
    }
}
