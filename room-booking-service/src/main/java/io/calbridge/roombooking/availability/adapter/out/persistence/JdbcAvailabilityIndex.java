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
import java.util.Comparator;
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

    @Override
    public Set<String> warm(String tenantId, List<String> roomIds) {
        return new HashSet<>(jdbc.queryForList(
                """
                SELECT mailbox_id FROM rooms WHERE tenant_id = ? AND mailbox_id = ANY(?) AND connected
                   AND (index_warm_at IS NOT NULL OR connected_at < now() - make_interval(secs => ?))""",
                String.class, tenantId, roomIds.toArray(String[]::new), (double) syncWarmup.toSeconds()));
    }

    /**
     * One statement, so one round trip: the warm rooms ({@code W} rows), their indexed events in the window ({@code E},
     * on the btree {@code room_busy_by_room_end}) and the live bookings of all the rooms asked about ({@code B}, an
     * index-only scan of the partial btree {@code bookings_live_by_room}). Overlap is written as
     * {@code ends_at > start AND starts_at < end} so that one btree descent per room skips everything already over;
     * for a non-empty window it is the same as {@code tstzrange(...) && tstzrange(...)}, and {@code ends_at > starts_at}
     * drops empty (zero-length) events as the range overlap did. Sorting by start is done here rather than in the query.
     */
    @Override
    public WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end) {
        Set<String> warm = new HashSet<>();
        List<IndexedEvent> events = new ArrayList<>();
        List<HeldSlot> held = new ArrayList<>();
        String[] rooms = roomIds.toArray(String[]::new);
        Timestamp from = Timestamp.from(start);
        Timestamp to = Timestamp.from(end);
        jdbc.query("""
                WITH warm AS MATERIALIZED (
                    SELECT mailbox_id FROM rooms WHERE tenant_id = ? AND mailbox_id = ANY(?) AND connected
                       AND (index_warm_at IS NOT NULL OR connected_at < now() - make_interval(secs => ?)))
                SELECT 'W' AS kind, mailbox_id AS room_id, NULL::text AS event_id, NULL::timestamptz AS starts_at,
                       NULL::timestamptz AS ends_at, NULL::text AS show_as, NULL::text AS ical_uid,
                       NULL::uuid AS booking_id, NULL::text AS change_key
                  FROM warm
                UNION ALL
                SELECT 'E', b.room_id, b.event_id, b.starts_at, b.ends_at, b.show_as, b.ical_uid, b.booking_id,
                       b.change_key
                  FROM room_busy b
                 WHERE b.tenant_id = ? AND b.room_id = ANY(?) AND b.room_id IN (SELECT mailbox_id FROM warm)
                   AND b.ends_at > ? AND b.starts_at < ? AND b.ends_at > b.starts_at
                UNION ALL
                SELECT 'B', k.room_id, NULL, k.starts_at, k.ends_at, NULL, NULL, k.id, NULL
                  FROM bookings k
                 WHERE k.tenant_id = ? AND k.room_id = ANY(?) AND k.status IN ('PENDING', 'REQUESTED', 'CONFIRMED')
                   AND k.ends_at > ? AND k.starts_at < ?""",
                rs -> {
                    switch (rs.getString("kind")) {
                        case "W" -> warm.add(rs.getString("room_id"));
                        case "E" -> events.add(event(tenantId, rs));
                        default -> held.add(new HeldSlot(rs.getString("room_id"),
                                new BusySlot(rs.getTimestamp("starts_at").toInstant(),
                                        rs.getTimestamp("ends_at").toInstant(), "busy",
                                        rs.getObject("booking_id", UUID.class))));
                    }
                },
                tenantId, rooms, (double) syncWarmup.toSeconds(), tenantId, rooms, from, to, tenantId, rooms, from, to);
        events.sort(Comparator.comparing(IndexedEvent::start));
        held.sort(Comparator.comparing((HeldSlot h) -> h.slot().start()));
        return new WarmRooms(warm, events, held);
    }

    @Override
    public List<IndexedEvent> overlapping(String tenantId, List<String> roomIds, Instant start, Instant end) {
        return jdbc.query("""
                SELECT * FROM room_busy WHERE tenant_id = ? AND room_id = ANY(?)
                   AND ends_at > ? AND starts_at < ? AND ends_at > starts_at ORDER BY starts_at""",
                (rs, n) -> event(rs), tenantId, roomIds.toArray(String[]::new), Timestamp.from(start), Timestamp.from(end));
    }

    private static IndexedEvent event(ResultSet rs) throws SQLException {
        return event(rs.getString("tenant_id"), rs);
    }

    private static IndexedEvent event(String tenantId, ResultSet rs) throws SQLException {
        return new IndexedEvent(tenantId, rs.getString("room_id"), rs.getString("event_id"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getString("show_as"), rs.getString("ical_uid"), rs.getObject("booking_id", UUID.class),
                rs.getString("change_key"));
    }
}
