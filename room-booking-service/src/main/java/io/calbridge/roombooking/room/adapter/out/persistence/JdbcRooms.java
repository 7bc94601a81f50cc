package io.calbridge.roombooking.room.adapter.out.persistence;

import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.roombooking.room.domain.Room;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog in the {@code rooms} and {@code room_catalog_changes} tables. {@link #findAll} (asked on every
 * availability request) answers from an in-memory snapshot of the tenant's catalog, dropped whenever this service
 * changes the catalog (refresh, connect, disconnect; again after the commit) and at the latest after
 * {@link #SNAPSHOT_TTL}, which bounds staleness for changes made by another instance.
 */
@Component
public class JdbcRooms implements Rooms {

    /** How long a catalog snapshot serves {@link #findAll} at most. */
    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(30);

    private static final String COLUMNS = "tenant_id, email, mailbox_id, display_name, capacity, building, floor_number,"
            + " floor_label, tags, wheelchair, booking_type, room_lists, max_duration_minutes, in_places, connected";

    private final JdbcTemplate jdbc;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong catalogVersion = new AtomicLong();

    /** A tenant's rooms by mailbox id and by lower-case address, as loaded at {@code loadedAtNanos}. */
    private record Snapshot(Map<String, Room> byMailboxId, Map<String, Room> byEmail, long loadedAtNanos) {
        boolean fresh() {
            return System.nanoTime() - loadedAtNanos < SNAPSHOT_TTL.toNanos();
        }
    }

    public JdbcRooms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Room> find(String tenantId, String idOrEmail) {
        return jdbc.query("SELECT " + COLUMNS + " FROM rooms WHERE tenant_id = ? AND (mailbox_id = ? OR email = ?)",
                JdbcRooms::room, tenantId, idOrEmail, idOrEmail.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    @Override
    public Map<String, Room> findAll(String tenantId, Collection<String> idsOrEmails) {
        Snapshot catalog = snapshot(tenantId);
        Map<String, Room> out = new LinkedHashMap<>();
        for (String ref : idsOrEmails) {
            Room room = catalog.byMailboxId().get(ref);
            if (room == null) {
                room = catalog.byEmail().get(ref.toLowerCase(Locale.ROOT));
            }
            if (room != null) {
                out.put(ref, room);
            }
        }
        return out;
    }

    private Snapshot snapshot(String tenantId) {
        Snapshot cached = snapshots.get(tenantId);
        if (cached != null && cached.fresh()) {
            return cached;
        }
        long version = catalogVersion.get();
        long loadedAt = System.nanoTime();
        Map<String, Room> byMailboxId = new HashMap<>();
        Map<String, Room> byEmail = new HashMap<>();
        for (Room room : jdbc.query("SELECT " + COLUMNS + " FROM rooms WHERE tenant_id = ?", JdbcRooms::room, tenantId)) {
            if (room.mailboxId() != null) {
                byMailboxId.put(room.mailboxId(), room);
            }
            byEmail.put(room.email(), room);
        }
        Snapshot loaded = new Snapshot(Map.copyOf(byMailboxId), Map.copyOf(byEmail), loadedAt);
        // A change made while loading leaves the snapshot unused rather than cached stale.
        if (catalogVersion.get() == version) {
            snapshots.put(tenantId, loaded);
        }
        return loaded;
    }

    /** Drops every snapshot now and, inside a transaction, once more after it commits. */
    private void catalogChanged() {
        dropSnapshots();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    dropSnapshots();
                }
            });
        }
    }

    private void dropSnapshots() {
        catalogVersion.incrementAndGet();
        snapshots.clear();
    }

    @Override
    public List<Room> all(String tenantId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM rooms WHERE tenant_id = ? ORDER BY display_name, email",
                JdbcRooms::room, tenantId);
    }

    @Override
    public List<String> listedInPlaces(String tenantId) {
        return jdbc.queryForList("SELECT email FROM rooms WHERE tenant_id = ? AND in_places", String.class, tenantId);
    }

    @Override
    public void savePlace(String tenantId, PlaceEntry e) {
        catalogChanged();
        jdbc.update("""
                INSERT INTO rooms (tenant_id, email, place_id, display_name, capacity, building, floor_number, floor_label,
                                   tags, wheelchair, booking_type, room_lists, in_places, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, now())
                ON CONFLICT (tenant_id, email) DO UPDATE SET place_id = EXCLUDED.place_id,
                    display_name = EXCLUDED.display_name, capacity = EXCLUDED.capacity, building = EXCLUDED.building,
                    floor_number = EXCLUDED.floor_number, floor_label = EXCLUDED.floor_label, tags = EXCLUDED.tags,
                    wheelchair = EXCLUDED.wheelchair, booking_type = EXCLUDED.booking_type,
                    room_lists = EXCLUDED.room_lists, in_places = TRUE, updated_at = now()""",
                tenantId, e.email().toLowerCase(Locale.ROOT), e.placeId(), e.displayName(), e.capacity(), e.building(),
                e.floorNumber(), e.floorLabel(), e.tags().toArray(String[]::new), e.wheelchairAccessible(),
                e.bookingType(), e.roomLists().stream().map(l -> l.toLowerCase(Locale.ROOT)).toArray(String[]::new));
    }

    @Override
    public void markUnlisted(String tenantId, Collection<String> emails) {
        catalogChanged();
        for (String email : emails) {
            jdbc.update("UPDATE rooms SET in_places = FALSE, updated_at = now() WHERE tenant_id = ? AND email = ?",
                    tenantId, email);
        }
    }

    @Override
    public void recordChange(String tenantId, String email, String change, Instant at) {
        jdbc.update("INSERT INTO room_catalog_changes (tenant_id, email, change, observed_at) VALUES (?, ?, ?, ?)",
                tenantId, email, change, Timestamp.from(at));
    }

    @Override
    public void connect(String tenantId, String email, String mailboxId, String displayName, String roomList) {
        catalogChanged();
        // A mailbox id reused under another address (renamed room) moves to the new row.
        jdbc.update("UPDATE rooms SET mailbox_id = NULL, connected = FALSE WHERE tenant_id = ? AND mailbox_id = ? AND email <> ?",
                tenantId, mailboxId, email);
        jdbc.update("""
                INSERT INTO rooms (tenant_id, email, mailbox_id, display_name, room_lists, connected, connected_at, updated_at)
                VALUES (?, ?, ?, ?, ?, TRUE, now(), now())
                ON CONFLICT (tenant_id, email) DO UPDATE SET mailbox_id = EXCLUDED.mailbox_id, connected = TRUE,
                    connected_at = CASE WHEN rooms.connected THEN rooms.connected_at ELSE now() END,
                    display_name = COALESCE(rooms.display_name, EXCLUDED.display_name),
                    room_lists = CASE WHEN cardinality(EXCLUDED.room_lists) = 0 OR EXCLUDED.room_lists[1] = ANY(rooms.room_lists)
                                      THEN rooms.room_lists ELSE rooms.room_lists || EXCLUDED.room_lists END,
                    updated_at = now()""",
                tenantId, email, mailboxId, displayName, roomList == null ? new String[0] : new String[] {roomList});
    }

    @Override
    public void disconnect(String tenantId, String mailboxId, String email) {
        catalogChanged();
        jdbc.update("UPDATE rooms SET connected = FALSE, updated_at = now() WHERE tenant_id = ? AND (mailbox_id = ? OR email = ?)",
                tenantId, mailboxId, email);
    }

    @Override
    public List<String> tenants() {
        return jdbc.queryForList("""
                SELECT tenant_id FROM rooms UNION SELECT tenant_id FROM known_tenants WHERE NOT removed""", String.class);
    }

    private static Room room(ResultSet rs, int row) throws SQLException {
        return new Room(rs.getString("tenant_id"), rs.getString("email"), rs.getString("mailbox_id"),
                rs.getString("display_name"), (Integer) rs.getObject("capacity"), rs.getString("building"),
                (Integer) rs.getObject("floor_number"), rs.getString("floor_label"), strings(rs.getArray("tags")),
                (Boolean) rs.getObject("wheelchair"), rs.getString("booking_type"), strings(rs.getArray("room_lists")),
                (Integer) rs.getObject("max_duration_minutes"), rs.getBoolean("in_places"), rs.getBoolean("connected"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
