package io.calbridge.roombooking.room.adapter.out.persistence;

import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.roombooking.room.domain.Room;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The catalog in the {@code rooms} and {@code room_catalog_changes} tables. */
@Component
public class JdbcRooms implements Rooms {

    private static final String COLUMNS = "tenant_id, email, mailbox_id, display_name, capacity, building, floor_number,"
            + " floor_label, tags, wheelchair, booking_type, room_lists, max_duration_minutes, in_places, connected";

    private final JdbcTemplate jdbc;

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
        String[] refs = idsOrEmails.toArray(String[]::new);
        String[] emails = idsOrEmails.stream().map(r -> r.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        List<Room> found = jdbc.query("SELECT " + COLUMNS + " FROM rooms WHERE tenant_id = ?"
                + " AND (mailbox_id = ANY (?) OR email = ANY (?))", JdbcRooms::room, tenantId, refs, emails);
        Map<String, Room> out = new LinkedHashMap<>();
        for (String ref : idsOrEmails) {
            found.stream().filter(r -> ref.equals(r.mailboxId()) || r.email().equals(ref.toLowerCase(Locale.ROOT)))
                    .findFirst().ifPresent(room -> out.put(ref, room));
        }
        return out;
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
