package io.calbridge.roombooking.booking.adapter.out.persistence;

import io.calbridge.roombooking.booking.application.Bookings;
import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bookings in PostgreSQL. {@link #hold} locks the room's catalog row (serialising bookings of one room across
 * instances), checks live bookings and the availability index, then inserts; the {@code bookings_no_overlap}
 * exclusion constraint refuses any overlap that would still slip through.
 */
@Component
public class JdbcBookings implements Bookings {

    private static final String LIVE = "('PENDING', 'REQUESTED', 'CONFIRMED')";
    private static final String BLOCKING_SHOW_AS = "('BUSY', 'TENTATIVE', 'OUT_OF_OFFICE', 'UNKNOWN')";

    private final JdbcTemplate jdbc;

    public JdbcBookings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Booking> find(String tenantId, UUID id) {
        return jdbc.query("SELECT * FROM bookings WHERE tenant_id = ? AND id = ?", JdbcBookings::booking, tenantId, id)
                .stream().findFirst();
    }

    @Override
    public Optional<Booking> findByIdempotencyKey(String tenantId, String key) {
        return jdbc.query("SELECT * FROM bookings WHERE tenant_id = ? AND idempotency_key = ?", JdbcBookings::booking,
                tenantId, key).stream().findFirst();
    }

    @Override
    public void hold(Booking b) {
        lockRoom(b);
        // Checked under the room lock, so a concurrent request with the same key replays instead of conflicting.
        if (!jdbc.queryForList("SELECT id FROM bookings WHERE tenant_id = ? AND idempotency_key = ?", UUID.class,
                b.tenantId(), b.idempotencyKey()).isEmpty()) {
            throw new KeyAlreadyUsed(b.idempotencyKey());
        }
        checkFree(b);
        try {
            jdbc.update("""
                    INSERT INTO bookings (id, tenant_id, room_id, room_email, organizer, organizer_name, organizer_id,
                        starts_at, ends_at, subject, attendees, mode, status, idempotency_key, request_hash, event_mailbox,
                        correlation_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())""",
                    b.id(), b.tenantId(), b.roomId(), b.roomEmail(), b.organizer(), b.organizerName(), b.organizerId(),
                    ts(b.slot().start()), ts(b.slot().end()), b.subject(), b.attendees().toArray(String[]::new),
                    b.mode().name(), b.status().name(), b.idempotencyKey(), b.requestHash(), b.eventMailbox(),
                    b.correlationId(), ts(b.createdAt()));
        } catch (DataAccessException e) {
            throw translate(e, b);
        }
    }

    @Override
    public void reschedule(Booking b) {
        lockRoom(b);
        checkFree(b);
        try {
            jdbc.update("""
                    UPDATE bookings SET starts_at = ?, ends_at = ?, subject = ?, attendees = ?, updated_at = now()
                     WHERE id = ?""",
                    ts(b.slot().start()), ts(b.slot().end()), b.subject(), b.attendees().toArray(String[]::new), b.id());
        } catch (DataAccessException e) {
            throw translate(e, b);
        }
    }

    /** Locks the room's catalog row until the transaction ends; bookings of one room serialise on it. */
    private void lockRoom(Booking b) {
        jdbc.query("SELECT 1 FROM rooms WHERE tenant_id = ? AND mailbox_id = ? FOR UPDATE", rs -> null,
                b.tenantId(), b.roomId());
    }

    /** Fails with the first live booking or blocking calendar event overlapping the slot. */
    private void checkFree(Booking b) {
        List<SlotTaken> taken = jdbc.query("""
                SELECT id, starts_at, ends_at FROM bookings
                 WHERE tenant_id = ? AND room_id = ? AND status IN """ + LIVE + """
                   AND id <> ? AND tstzrange(starts_at, ends_at, '[)') && tstzrange(?, ?, '[)')
                 ORDER BY starts_at LIMIT 1""",
                (rs, n) -> new SlotTaken(b.roomId(), slot(rs), rs.getObject("id", UUID.class)),
                b.tenantId(), b.roomId(), b.id(), ts(b.slot().start()), ts(b.slot().end()));
        if (!taken.isEmpty()) {
            throw taken.getFirst();
        }
        // Events tagged with a live booking are that booking; every other blocking event in the room's calendar counts.
        List<SlotTaken> busy = jdbc.query("""
                SELECT r.starts_at, r.ends_at FROM room_busy r
                 WHERE r.tenant_id = ? AND r.room_id = ? AND r.show_as IN """ + BLOCKING_SHOW_AS + """
                   AND tstzrange(r.starts_at, r.ends_at, '[)') && tstzrange(?, ?, '[)')
                   AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.id = r.booking_id AND x.status IN """ + LIVE + """
                   )
                 ORDER BY r.starts_at LIMIT 1""",
                (rs, n) -> new SlotTaken(b.roomId(), slot(rs), null),
                b.tenantId(), b.roomId(), ts(b.slot().start()), ts(b.slot().end()));
        if (!busy.isEmpty()) {
            throw busy.getFirst();
        }
    }

    private RuntimeException translate(DataAccessException e, Booking b) {
        String state = sqlState(e);
        if ("23P01".equals(state)) {
            return new SlotTaken(b.roomId(), b.slot(), null);
        }
        if ("23505".equals(state) && String.valueOf(e.getMessage()).contains("idempotency_key")) {
            return new KeyAlreadyUsed(b.idempotencyKey());
        }
        return e;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Override
    public void update(Booking b) {
        jdbc.update("""
                UPDATE bookings SET status = ?, event_mailbox = ?, event_id = ?, ical_uid = ?, checked_in_at = ?,
                       failure = ?, updated_at = now() WHERE id = ?""",
                b.status().name(), b.eventMailbox(), b.eventId(), b.iCalUId(), ts(b.checkedInAt()), b.failure(), b.id());
    }

    @Override
    public boolean transition(Booking next, BookingStatus from, boolean requireNotCheckedIn) {
        return jdbc.update("""
                UPDATE bookings SET status = ?, checked_in_at = ?, updated_at = now()
                 WHERE id = ? AND status = ?""" + (requireNotCheckedIn ? " AND checked_in_at IS NULL" : ""),
                next.status().name(), ts(next.checkedInAt()), next.id(), from.name()) == 1;
    }

    @Override
    public List<Booking> notCheckedIn(Instant startedBefore, int limit) {
        return jdbc.query("""
                SELECT * FROM bookings WHERE status = 'CONFIRMED' AND checked_in_at IS NULL AND starts_at < ?
                 ORDER BY starts_at LIMIT ?""", JdbcBookings::booking, ts(startedBefore), limit);
    }

    @Override
    public List<Booking> claimStalePending(Instant untouchedSince, int limit) {
        return jdbc.query("""
                UPDATE bookings SET updated_at = now()
                 WHERE id IN (SELECT id FROM bookings WHERE status = 'PENDING' AND updated_at < ?
                               ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING *""", JdbcBookings::booking, ts(untouchedSince), limit);
    }

    @Override
    public boolean settlePending(Booking b) {
        return jdbc.update("""
                UPDATE bookings SET status = ?, event_mailbox = ?, event_id = ?, ical_uid = ?, failure = ?,
                       updated_at = now() WHERE id = ? AND status = 'PENDING'""",
                b.status().name(), b.eventMailbox(), b.eventId(), b.iCalUId(), b.failure(), b.id()) == 1;
    }

    @Override
    public List<Booking> awaitingAnswer(int limit) {
        return jdbc.query("SELECT * FROM bookings WHERE status = 'REQUESTED' ORDER BY created_at LIMIT ?",
                JdbcBookings::booking, limit);
    }

    @Override
    public List<Booking> holding(String tenantId, List<String> roomIds, TimeSlot window) {
        return jdbc.query("""
                SELECT * FROM bookings WHERE tenant_id = ? AND room_id = ANY(?) AND status IN """ + LIVE + """
                   AND tstzrange(starts_at, ends_at, '[)') && tstzrange(?, ?, '[)') ORDER BY starts_at""",
                JdbcBookings::booking, tenantId, roomIds.toArray(String[]::new), ts(window.start()), ts(window.end()));
    }

    @Override
    public Optional<Booking> findByEvent(String tenantId, String eventId, String iCalUId) {
        return jdbc.query("""
                SELECT * FROM bookings WHERE tenant_id = ? AND ((event_id IS NOT NULL AND event_id = ?)
                                                              OR (ical_uid IS NOT NULL AND ical_uid = ?))
                 ORDER BY created_at DESC LIMIT 1""", JdbcBookings::booking, tenantId, eventId, iCalUId)
                .stream().findFirst();
    }

    private static TimeSlot slot(ResultSet rs) throws SQLException {
        return new TimeSlot(rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static Booking booking(ResultSet rs, int row) throws SQLException {
        Array attendees = rs.getArray("attendees");
        return new Booking(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("room_id"),
                rs.getString("room_email"), rs.getString("organizer"), rs.getString("organizer_name"),
                rs.getString("organizer_id"), slot(rs), rs.getString("subject"),
                attendees == null ? List.of() : Arrays.asList((String[]) attendees.getArray()),
                BookingMode.valueOf(rs.getString("mode")), BookingStatus.valueOf(rs.getString("status")),
                rs.getString("idempotency_key"), rs.getString("request_hash"), rs.getString("event_mailbox"),
                rs.getString("event_id"), rs.getString("ical_uid"), instant(rs.getTimestamp("checked_in_at")),
                rs.getString("failure"), rs.getString("correlation_id"), instant(rs.getTimestamp("created_at")));
    }
}
