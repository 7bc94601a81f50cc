package io.calbridge.roombooking.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time [start, end), in UTC; end is after start. */
public record TimeSlot(Instant start, Instant end) {

    public TimeSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Whether the two slots share an instant; slots that only touch (one ends when the other starts) do not. */
    public boolean overlaps(TimeSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public TimeSlot movedTo(Instant newStart, Instant newEnd) {
        return new TimeSlot(newStart, newEnd);
    }
}
