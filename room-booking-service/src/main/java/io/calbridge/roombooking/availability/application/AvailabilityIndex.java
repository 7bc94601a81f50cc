package io.calbridge.roombooking.availability.application;

import io.calbridge.roombooking.availability.domain.IndexedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The availability index: the events sync reported for room calendars. */
public interface AvailabilityIndex {

    void put(IndexedEvent event);

    void remove(String tenantId, String roomId, String eventId);

    /** Marks the room's index as fed by sync, so availability stops falling back to getSchedule for it. */
    void markWarm(String tenantId, String roomId);

    /** The rooms among {@code roomIds} whose index is warm. */
    Set<String> warm(String tenantId, List<String> roomIds);

    /** Indexed events of these rooms overlapping [start, end). */
    List<IndexedEvent> overlapping(String tenantId, List<String> roomIds, Instant start, Instant end);

    /** The warm rooms among some rooms, and the indexed events of those rooms in a window. */
    record WarmRooms(Set<String> rooms, List<IndexedEvent> events) {}

    /**
     * {@link #warm} and then {@link #overlapping} for the warm rooms; an index that can answer both in one look-up
     * should, since availability asks this on every request.
     */
    default WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end) {
        Set<String> warm = warm(tenantId, roomIds);
        return new WarmRooms(warm, overlapping(tenantId, List.copyOf(warm), start, end));
    }
}
