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

    /** The rooms among {@code roomIds} whose index is warm. */
    Set<String> warm(String tenantId, List<String> roomIds);

    /** Indexed events of these rooms overlapping [start, end). */
    List<IndexedEvent> overlapping(String tenantId, List<String> roomIds, Instant start, Instant end);

    /**
     * An indexed event as availability needs it: when, how it shows, and the Calbridge booking it carries, without the
     * event's ids, which availability never uses and which are the longest strings of a row.
     *
     * @param showAs    as {@link IndexedEvent#showAs()}
     * @param bookingId as {@link IndexedEvent#bookingId()}
     */
    record IndexedSlot(String roomId, Instant start, Instant end, String showAs, @Nullable UUID bookingId) {

        static IndexedSlot of(IndexedEvent e) {
            return new IndexedSlot(e.roomId(), e.start(), e.end(), e.showAs(), e.bookingId());
        }

        /** Whether the event takes the room's time. */
        public boolean blocks() {
            return IndexedEvent.blocks(showAs);
        }
    }

    /** A slot of a room held by one of Calbridge's live bookings ({@code busy}, with its booking id). */
    record HeldSlot(String roomId, BusySlot slot) {}

    /**
     * The warm rooms among some rooms, and the indexed events of those rooms in a window.
     *
     * @param held Calbridge's live bookings of all the rooms asked about in the window, each with its booking id, when
     *             the index read them in the same look-up; null when it did not and the caller must ask the bookings
     */
    record WarmRooms(Set<String> rooms, List<IndexedSlot> events, @Nullable List<HeldSlot> held) {
        public WarmRooms(Set<String> rooms, List<IndexedSlot> events) {
            this(rooms, events, null);
        }
    }

    /**
     * {@link #warm} and then {@link #overlapping} for the warm rooms; an index that can answer both (and the live
     * bookings, see {@link WarmRooms#held}) in one look-up should, since availability asks this on every request.
     */
    default WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end) {
        Set<String> warm = warm(tenantId, roomIds);
        return new WarmRooms(warm, overlapping(tenantId, List.copyOf(warm), start, end).stream().map(IndexedSlot::of).toList());
    }
}
