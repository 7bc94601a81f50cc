package io.calbridge.roombooking.availability.application;

import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.roombooking.availability.domain.IndexedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The availability index: the events sync reported for room calendars. */
public interface AvailabilityIndex {

    void put(IndexedEvent event);

    void remove(String tenantId, String roomId, String eventId);

    /** Marks the room's index as fed by sync, so availability stops falling back to getSchedule for it. */
    void markWarm(String tenantId, String roomId);

    /**
     * An indexed event as availability needs it: when, how it shows, and the Calbridge booking it carries, without the
     * event's ids, which availability never uses and which are the longest strings of a row.
     *
     * @param showAs    as {@link IndexedEvent#showAs()}
     * @param bookingId as {@link IndexedEvent#bookingId()}
     */
    record IndexedSlot(String roomId, Instant start, Instant end, String showAs, @Nullable UUID bookingId) {

        /** Whether the event takes the room's time. */
        public boolean blocks() {
            return IndexedEvent.blocks(showAs);
        }
    }

    /** A slot of a room held by one of Calbridge's live bookings ({@code busy}, with its booking id). */
    record HeldSlot(String roomId, BusySlot slot) {}

    /**
     * The warm rooms among some rooms, the indexed events of those rooms in a window, and Calbridge's live bookings of
     * all the rooms asked about in the window, each with its booking id.
     */
    record WarmRooms(Set<String> rooms, List<IndexedSlot> events, List<HeldSlot> held) {}

    /**
     * One look-up for a whole availability request: which of {@code roomIds} are warm (sync reported an event, or the
     * warm-up after connecting passed), their indexed events overlapping [start, end), and the live bookings of all of
     * {@code roomIds} in that window. Availability asks this on every request, so an index answers it in one round trip.
     */
    WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end);
}
