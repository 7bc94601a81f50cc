package io.calbridge.roombooking.availability.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One room's free/busy over a window.
 *
 * @param source {@code index} when served from the availability index, {@code getSchedule} while the index is cold
 */
public record RoomAvailability(String roomId, String roomEmail, String source, List<BusySlot> busy) {

    public RoomAvailability {
        busy = busy.stream().sorted(Comparator.comparing(BusySlot::start).thenComparing(BusySlot::end)).toList();
    }

    /** Whether no busy slot overlaps [start, end). */
    public boolean freeBetween(Instant start, Instant end) {
        return busy.stream().noneMatch(b -> b.start().isBefore(end) && start.isBefore(b.end()));
    }
}
