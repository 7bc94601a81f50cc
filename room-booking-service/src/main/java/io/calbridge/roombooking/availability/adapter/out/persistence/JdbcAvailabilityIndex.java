package io.calbridge.roombooking.availability.adapter.out.persistence;

import io.calbridge.roombooking.availability.application.AvailabilityIndex;
import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.roombooking.availability.domain.IndexedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The index in {@code room_busy}; a room is covered once sync reported an event for it or its warm-up passed. */
@Component
public class JdbcAvailabilityIndex implements AvailabilityIndex {

    /**
     * The statement of {@link #warmWithEvents}; its parameters are tenant, rooms and warm-up seconds, then twice
     * tenant, rooms, from and to. It joins nothing, so that its plan does not depend on the planner's estimates (see
     * {@link #warmWithEvents}).
     */
    static final String WARM_WITH_EVENTS = """
            SELECT 0 AS kind, mailbox_id AS room_id, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at,
                   NULL::text AS show_as, NULL::uuid AS booking_id
              FROM rooms
             WHERE tenant_id = ? AND mailbox_id = ANY(?) AND connected
               AND (index_warm_at IS NOT NULL OR connected_at < now() - make_interval(secs => ?))
            UNION ALL
            SELECT 1, b.room_id, b.starts_at, b.ends_at, b.show_as, b.booking_id
              FROM room_busy b
             WHERE b.tenant_id = ? AND b.room_id = ANY(?)
               AND b.ends_at > ? AND b.starts_at < ? AND b.ends_at > b.starts_at
            UNION ALL
            SELECT 2, k.room_id, k.starts_at, k.ends_at, NULL, k.id
              FROM bookings k
             WHERE k.tenant_id = ? AND k.room_id = ANY(?) AND k.status IN ('PENDING', 'REQUESTED', 'CONFIRMED')
               AND k.ends_at > ? AND k.starts_at < ?""";

    /** Kinds of row of {@link #WARM_WITH_EVENTS}; the third, 2, is a live booking. */
    private static final int WARM = 0;
    private static final int EVENT = 1;

    private final JdbcTemplate jdbc;
    private final Duration syncWarmup;

    /**
     * @param syncWarmup how long after a room was connected sync's initial delta is assumed done, so that a room whose
     *                   calendar produced no event at all still counts as indexed
     */
    public JdbcAvailabilityIndex(JdbcTemplate jdbc,
                                 @Value("${roombooking.availability.sync-warmup:PT15M}") Duration syncWarmup) {
        this.jdbc = jdbc;
        this.syncWarmup = syncWarmup;
    }

    @Override
    public void put(IndexedEvent e) {
        jdbc.update("""
                INSERT INTO room_busy (tenant_id, room_id, event_id, starts_at, ends_at, show_as, ical_uid, booking_id,
                                       change_key, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (tenant_id, room_id, event_id) DO UPDATE SET starts_at = EXCLUDED.starts_at,
                    ends_at = EXCLUDED.ends_at, show_as = EXCLUDED.show_as, ical_uid = EXCLUDED.ical_uid,
                    booking_id = EXCLUDED.booking_id, change_key = EXCLUDED.change_key, updated_at = now()""",
                e.tenantId(), e.roomId(), e.eventId(), Timestamp.from(e.start()), Timestamp.from(e.end()), e.showAs(),
                e.iCalUId(), e.bookingId(), e.changeKey());
    }

    @Override
    public void remove(String tenantId, String roomId, String eventId) {
        jdbc.update("DELETE FROM room_busy WHERE tenant_id = ? AND room_id = ? AND event_id = ?", tenantId, roomId, eventId);
    }

    @Override
    public void markWarm(String tenantId, String roomId) {
        jdbc.update("UPDATE rooms SET index_warm_at = now() WHERE tenant_id = ? AND mailbox_id = ? AND index_warm_at IS NULL",
                tenantId, roomId);
    }

    /**
     * One statement, so one round trip: the warm rooms (kind 0), the indexed events of the rooms asked about in the
     * window (kind 1, on the btree {@code room_busy_by_room_end}) and their live bookings (kind 2, an
     * index-only scan of the partial btree {@code bookings_live_by_room}). Overlap is written as
     * {@code ends_at > start AND starts_at < end} so that one btree descent per room skips everything already over;
     * for a non-empty window it is the same as {@code tstzrange(...) && tstzrange(...)}, and {@code ends_at > starts_at}
     * drops empty (zero-length) events as the range overlap did.
     *
     * <p>Events of rooms that are not warm are dropped here, not in SQL. Joining the events to the warm rooms in the
     * query left the plan to the planner's estimate of how many rooms are warm: pgjdbc's server-prepared statement gets
     * a generic plan, which estimated 3 warm rooms instead of 100 and chose a nested loop comparing every event with
     * every room (49,500 text comparisons, 8–15 ms per request in the bench, against 0.6 ms for the index scan). A cold
     * room has few or no indexed events, so reading them costs next to nothing. Only the columns availability uses
     * are read (the event ids are the longest strings of a row), by position, and nothing is sorted here:
     * {@link io.calbridge.roombooking.availability.domain.RoomAvailability} sorts each room.
     */
    @Override
    public WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end) {
        Set<String> warm = new HashSet<>();
        List<IndexedSlot> events = new ArrayList<>();
        List<HeldSlot> held = new ArrayList<>();
        String[] rooms = roomIds.toArray(String[]::new);
        Timestamp from = Timestamp.from(start);
        Timestamp to = Timestamp.from(end);
        jdbc.query(WARM_WITH_EVENTS,
                rs -> {
                    switch (rs.getInt(1)) {
                        case WARM -> warm.add(rs.getString(2));
                        case EVENT -> events.add(new IndexedSlot(rs.getString(2), instant(rs, 3), instant(rs, 4),
                                rs.getString(5), rs.getObject(6, UUID.class)));
                        default -> held.add(new HeldSlot(rs.getString(2),
                                new BusySlot(instant(rs, 3), instant(rs, 4), "busy", rs.getObject(6, UUID.class))));
                    }
                },
                tenantId, rooms, (double) syncWarmup.toSeconds(), tenantId, rooms, from, to, tenantId, rooms, from, to);
        events.removeIf(e -> !warm.contains(e.roomId()));
        return new WarmRooms(warm, events, held);
    }

    /** A {@code timestamptz} column; {@code getTimestamp} builds two objects where {@code OffsetDateTime} took six. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
