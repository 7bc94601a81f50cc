package io.calbridge.roombooking.availability.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.calbridge.roombooking.availability.application.AvailabilityIndex.HeldSlot;
import io.calbridge.roombooking.availability.application.AvailabilityIndex.IndexedSlot;
import io.calbridge.roombooking.availability.application.AvailabilityIndex.WarmRooms;
import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.testsupport.RealInfrastructure;
import io.calbridge.testsupport.TestDatabase;
import io.calbridge.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The availability look-up on real PostgreSQL: which rooms count as indexed, which of their events and live bookings
 * come back, and a plan that does not hinge on the planner's row estimates.
 */
@RealInfrastructure
class JdbcAvailabilityIndexIT {

    private static final String TENANT = "t-index";
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant FRIDAY = Instant.parse("2026-12-05T00:00:00Z");

    private static JdbcTemplate jdbc;
    private static JdbcAvailabilityIndex index;

    @BeforeAll
    static void migrate() {
        DataSource dataSource = TestInfrastructure.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/kernel", "classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        index = new JdbcAvailabilityIndex(jdbc, Duration.ofMinutes(15));
        room("warm", true, Instant.now(), Instant.now().minus(Duration.ofHours(1)));
        room("quiet", true, null, Instant.now().minus(Duration.ofHours(1)));
        room("cold", true, null, Instant.now());
        room("gone", false, Instant.now(), Instant.now().minus(Duration.ofHours(1)));
        for (String room : List.of("warm", "quiet", "cold", "gone")) {
            event(room, room + "-meeting", "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z", "BUSY");
        }
        event("warm", "warm-before", "2026-11-29T09:00:00Z", "2026-11-30T00:00:00Z", "BUSY");
        event("warm", "warm-after", "2026-12-05T00:00:00Z", "2026-12-05T01:00:00Z", "BUSY");
        event("warm", "warm-empty", "2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z", "BUSY");
        event("warm", "warm-free", "2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z", "FREE");
        booking("warm", "CONFIRMED", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z");
        booking("warm", "CANCELLED", "2026-12-02T11:00:00Z", "2026-12-02T12:00:00Z");
        booking("cold", "PENDING", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z");
        booking("other", "CONFIRMED", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z");
    }

    @Test
    void returnsTheEventsOfWarmRoomsOnlyAndTheLiveBookingsOfEveryRoomAsked() {
        WarmRooms found = index.warmWithEvents(TENANT, List.of("warm", "quiet", "cold", "gone"), MONDAY, FRIDAY);

        // quiet: connected an hour ago, past the 15-minute warm-up, no event seen; cold: connected just now; gone:
        // disconnected, so neither counts however much the index holds for them.
        assertThat(found.rooms()).containsExactlyInAnyOrder("warm", "quiet");
        assertThat(found.events()).extracting(IndexedSlot::roomId, IndexedSlot::start, IndexedSlot::showAs)
                .containsExactlyInAnyOrder(
                        tuple("warm", Instant.parse("2026-11-30T09:00:00Z"), "BUSY"),
                        tuple("warm", Instant.parse("2026-12-01T11:00:00Z"), "FREE"),
                        tuple("quiet", Instant.parse("2026-11-30T09:00:00Z"), "BUSY"));
        assertThat(found.held()).extracting(HeldSlot::roomId, h -> h.slot().start(), h -> h.slot().status())
                .containsExactlyInAnyOrder(
                        tuple("warm", Instant.parse("2026-12-02T09:00:00Z"), "busy"),
                        tuple("cold", Instant.parse("2026-12-03T09:00:00Z"), "busy"));
        assertThat(found.held()).extracting(HeldSlot::slot).extracting(BusySlot::bookingId).doesNotContainNull();
    }

    @Test
    void theStatementJoinsNothingSoItsGenericPlanCannotTurnIntoANestedLoop() throws Exception {
        // pgjdbc prepares the statement on the server after five executions, and PostgreSQL may then keep a generic
        // plan built from row estimates. A join there once became a nested loop over every event and every room.
        String sql = numbered(JdbcAvailabilityIndex.WARM_WITH_EVENTS);
        StringBuilder plan = new StringBuilder();
        // The simple query protocol, so that pgjdbc passes the $n placeholders to EXPLAIN instead of binding them.
        TestDatabase database = TestInfrastructure.database();
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "preferQueryMode=simple";
        try (Connection connection = DriverManager.getConnection(url, database.username(), database.password());
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("EXPLAIN (GENERIC_PLAN) " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).contains("room_busy", "bookings", "rooms")
                .doesNotContain("Join", "Nested Loop", "SubPlan");
    }

    /** The statement with PostgreSQL's numbered placeholders instead of JDBC's question marks. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void room(String id, boolean connected, Instant warmAt, Instant connectedAt) {
        jdbc.update("INSERT INTO rooms (tenant_id, email, mailbox_id, connected, index_warm_at, connected_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", TENANT, id + "@rooms.example", id, connected,
                warmAt == null ? null : Timestamp.from(warmAt), Timestamp.from(connectedAt));
    }

    private static void event(String room, String id, String start, String end, String showAs) {
        jdbc.update("INSERT INTO room_busy (tenant_id, room_id, event_id, starts_at, ends_at, show_as, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, now())", TENANT, room, id, Timestamp.from(Instant.parse(start)),
                Timestamp.from(Instant.parse(end)), showAs);
    }

    private static void booking(String room, String status, String start, String end) {
        jdbc.update("INSERT INTO bookings (id, tenant_id, room_id, room_email, organizer, starts_at, ends_at, mode, status,"
                        + " idempotency_key, request_hash, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 'alice@example.com', ?, ?, 'ROOM_CALENDAR', ?, ?, 'h', now(), now())",
                UUID.randomUUID(), TENANT, room, room + "@rooms.example", Timestamp.from(Instant.parse(start)),
                Timestamp.from(Instant.parse(end)), status, UUID.randomUUID().toString());
    }
}
