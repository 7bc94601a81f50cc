package io.calbridge.roombooking.it;

import static io.calbridge.roombooking.it.BookingFlowIT.CODEC;
import static io.calbridge.roombooking.it.BookingFlowIT.json;
import static io.calbridge.roombooking.it.BookingFlowIT.tomorrowAt;
import static io.calbridge.roombooking.it.RoomBookingStack.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.common.events.booking.BookingEvent;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.roombooking.booking.domain.BookingRequest;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.it.RoomBookingStack.RoomSpec;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.service.security.ApiKeys;
import io.calbridge.testsupport.RealInfrastructure;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bookings a killed instance left PENDING (issue 7, 8): the slot was held, and the Graph write either reached the
 * room's calendar or not, but the outcome was never recorded. The recovery sweep settles them: an event carrying the
 * booking's tag confirms it with RoomBooked once, so the retried request gets the original 201; no event releases the
 * slot, and the retried request learns plainly that nothing was booked. The leftovers are made the way a kill leaves
 * them: the row straight in PostgreSQL, the event straight in the emulator's room calendar.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PendingRecoveryIT {

    static final String TENANT = "7e57b00c-0000-4000-8000-0000000000c7";
    static final String DOMAIN = "recovery-it.example";
    static final RoomSpec ROOM = new RoomSpec("c7000000-0000-4000-8000-0000000000c7", "room-r@" + DOMAIN, "Room R",
            8, 1, List.of(), false);
    static final String API_KEY = "recovery-key-" + UUID.randomUUID();
    static final String ORGANIZER = "alice@" + DOMAIN;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    static GraphEmulator graph;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantGraphs graphs;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> RoomBookingStack.ENCRYPTION_KEY);
        registry.add("calbridge.security.api-keys", () -> ApiKeys.entryFor("kiosk", TENANT, API_KEY));
        registry.add("calbridge.tenants.cache-for", () -> "0s");
        registry.add("roombooking.catalog.initial-delay", () -> "PT1H");
        registry.add("roombooking.recovery.interval", () -> "PT0.5S");
        registry.add("roombooking.recovery.pending-after", () -> "PT1M");
    }

    @BeforeAll
    static void startGraph() {
        graph = GraphEmulator.start(EmulatorOptions.defaults());
        graph.seed(RoomBookingStack.seed(TENANT, DOMAIN, ROOM));
        RoomBookingStack.publish(RoomBookingStack.tenantConfigured(TENANT, graph),
                RoomBookingStack.roomConnected(TENANT, ROOM, null));
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    @Test
    void aPendingBookingWhoseEventReachedTheRoomIsConfirmedWithRoomBookedOnce() {
        awaitRoomConnected();
        TimeSlot slot = new TimeSlot(tomorrowAt(9), tomorrowAt(10));
        UUID id = leftPending("k-killed-after-write", slot, "Written", Duration.ofMinutes(5));
        Event written = writeTaggedEvent(id, slot, "Written");

        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(status(id)));

        assertThat(jdbc.queryForObject("SELECT event_id FROM bookings WHERE id = ?", String.class, id))
                .isEqualTo(written.getId());
        List<ConsumerRecord<String, byte[]>> published = bookingEventsFor(id);
        assertThat(published).hasSize(1);
        RoomBooked booked = (RoomBooked) CODEC.decode(published.getFirst());
        assertThat(booked.calendarEventId()).isEqualTo(written.getId());
        assertThat(booked.start()).isEqualTo(slot.start());
        HttpResponse<String> replay = book("k-killed-after-write", slot, "Written");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(replay).get("id").asText()).isEqualTo(id.toString());
        assertThat(json(replay).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + id + "%")).isEqualTo(1);
    }

    @Test
    void aPendingBookingWithoutAnEventFreesItsSlotAndItsReplaySaysNothingWasBooked() {
        awaitRoomConnected();
        TimeSlot slot = new TimeSlot(tomorrowAt(11), tomorrowAt(12));
        UUID id = leftPending("k-killed-before-write", slot, "Lost", Duration.ZERO);
        HttpResponse<String> inProgress = book("k-killed-before-write", slot, "Lost");
        HttpResponse<String> blocked = book("k-someone-else", slot, "Other");
        assertThat(inProgress.statusCode()).as(inProgress.body()).isEqualTo(409);
        assertThat(json(inProgress).get("reason").asText()).isEqualTo("request-in-progress");
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(409);

        // The instance that held it is gone for longer than pending-after.
        jdbc.update("UPDATE bookings SET updated_at = now() - interval '5 minutes' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(id)));

        HttpResponse<String> replay = book("k-killed-before-write", slot, "Lost");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(json(replay).get("reason").asText()).isEqualTo("request-abandoned");
        HttpResponse<String> rebooked = book("k-someone-else-again", slot, "Other");
        assertThat(rebooked.statusCode()).as(rebooked.body()).isEqualTo(201);
        assertThat(json(rebooked).get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aRecentPendingBookingIsLeftToTheRequestStillWritingIt() {
        awaitRoomConnected();
        TimeSlot slot = new TimeSlot(tomorrowAt(14), tomorrowAt(15));
        UUID id = leftPending("k-still-writing", slot, "Live", Duration.ofSeconds(5));

        // it stays PENDING through several sweeps (PT0.5S)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> "PENDING".equals(status(id)));
    }

    void awaitRoomConnected() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM rooms WHERE tenant_id = ? AND connected", Integer.class, TENANT) == 1
                && jdbc.queryForObject("SELECT count(*) FROM known_tenants WHERE tenant_id = ?", Integer.class, TENANT) == 1);
    }

    /** The row BookRoom holds before its Graph write, as a killed instance leaves it, last touched {@code age} ago. */
    UUID leftPending(String key, TimeSlot slot, String subject, Duration age) {
        UUID id = UUID.randomUUID();
        String fingerprint = new BookingRequest(TENANT, key, ROOM.id(), ORGANIZER, slot, subject,
                List.of("bob@" + DOMAIN), null).fingerprint();
        Timestamp touched = Timestamp.from(Instant.now().minus(age));
        jdbc.update("""
                INSERT INTO bookings (id, tenant_id, room_id, room_email, organizer, organizer_name, organizer_id,
                    starts_at, ends_at, subject, attendees, mode, status, idempotency_key, request_hash, event_mailbox,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'Alice Adams', '0000u001-0000-0000-0000-000000000001', ?, ?, ?, ?,
                        'ROOM_CALENDAR', 'PENDING', ?, ?, ?, ?, ?)""",
                id, TENANT, ROOM.id(), ROOM.email(), ORGANIZER, Timestamp.from(slot.start()), Timestamp.from(slot.end()),
                subject, new String[] {"bob@" + DOMAIN}, key, fingerprint, ROOM.id(), touched, touched);
        return id;
    }

    /** The event the killed request's write put into the room's calendar, tagged like GraphRoomCalendar tags it. */
    Event writeTaggedEvent(UUID bookingId, TimeSlot slot, String subject) {
        Event event = new Event();
        event.setSubject(subject);
        event.setStart(utc(slot.start()));
        event.setEnd(utc(slot.end()));
        event.setShowAs(FreeBusyStatus.Busy);
        SingleValueLegacyExtendedProperty tag = new SingleValueLegacyExtendedProperty();
        tag.setId(CalbridgeTag.PROPERTY_ID);
        tag.setValue("booking:" + bookingId);
        event.setSingleValueExtendedProperties(List.of(tag));
        return graphs.forTenant(TENANT).call(GraphTarget.mailbox(ROOM.id()), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(ROOM.id()).events().post(event)).join();
    }

    private static DateTimeTimeZone utc(Instant instant) {
        DateTimeTimeZone d = new DateTimeTimeZone();
        d.setDateTime(LOCAL.format(instant.atOffset(ZoneOffset.UTC)));
        d.setTimeZone("UTC");
        return d;
    }

    String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM bookings WHERE id = ?", String.class, id);
    }

    HttpResponse<String> book(String key, TimeSlot slot, String subject) {
        String body = """
                {"roomId":"%s","organizer":"%s","start":"%s","end":"%s","subject":"%s","attendees":["bob@%s"]}"""
                .formatted(ROOM.id(), ORGANIZER, slot.start(), slot.end(), subject, DOMAIN);
        return http("POST", "http://localhost:" + port + "/api/tenants/" + TENANT + "/bookings", API_KEY, body,
                Map.of("Idempotency-Key", key));
    }

    /** The booking's events on the bookings topic, read until at least one arrived and a while after. */
    List<ConsumerRecord<String, byte[]>> bookingEventsFor(UUID bookingId) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = RoomBookingStack.bookingsConsumer()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !ofBooking(RoomBookingStack.poll(consumer, seen), bookingId).isEmpty());
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // several more sweeps
            while (System.nanoTime() < until) {
                RoomBookingStack.poll(consumer, seen);
            }
        }
        return ofBooking(seen, bookingId);
    }

    private static List<ConsumerRecord<String, byte[]>> ofBooking(List<ConsumerRecord<String, byte[]>> records, UUID bookingId) {
        return records.stream().filter(r -> CODEC.decode(r) instanceof BookingEvent e && e.bookingId().equals(bookingId)).toList();
    }
}
