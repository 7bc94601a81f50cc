package io.calbridge.roombooking.it;

import static io.calbridge.roombooking.it.RoomBookingStack.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.models.Event;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Participant;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.booking.RoomBookingCancelled;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.Recurrence;
import io.calbridge.common.events.calendar.ResponseStatus;
import io.calbridge.common.events.calendar.ShowAs;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.roombooking.it.RoomBookingStack.RoomSpec;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.service.security.ApiKeys;
import io.calbridge.testsupport.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Room bookings end to end: the real broker, a fresh PostgreSQL, and the Graph emulator over HTTP(S). The tenant
 * and its rooms arrive the way they would in production, as TenantConfigured and AccountConnected(ROOM) on Kafka.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookingFlowIT {

    static final String TENANT = "7e57b00c-0000-4000-8000-000000000001";
    static final String OTHER_TENANT = "7e57b00c-0000-4000-8000-000000000002";
    static final String DOMAIN = "roombooking-it.example";
    static final RoomSpec ROOM_A = new RoomSpec("a0000000-0000-4000-8000-00000000000a", "room-a@" + DOMAIN, "Room A",
            8, 1, List.of("projector"), false);
    static final RoomSpec ROOM_B = new RoomSpec("b0000000-0000-4000-8000-00000000000b", "room-b@" + DOMAIN, "Room B",
            20, 2, List.of("videoconference"), true);
    static final RoomSpec ROOM_C = new RoomSpec("c0000000-0000-4000-8000-00000000000c", "room-c@" + DOMAIN, "Room C",
            4, 2, List.of(), false);
    static final String INVITE_TENANT = "7e57b00c-0000-4000-8000-000000000003";
    static final String INVITE_DOMAIN = "invite-it.example";
    static final RoomSpec ROOM_D = new RoomSpec("d0000000-0000-4000-8000-00000000000d", "room-d@" + INVITE_DOMAIN, "Room D",
            6, 3, List.of(), false);
    static final String INVITE_KEY = "invite-key-" + UUID.randomUUID();
    static final String REMOVAL_TENANT = "7e57b00c-0000-4000-8000-000000000004";
    static final String REMOVAL_DOMAIN = "removal-it.example";
    static final RoomSpec ROOM_E = new RoomSpec("e0000000-0000-4000-8000-00000000000e", "room-e@" + REMOVAL_DOMAIN, "Room E",
            6, 1, List.of(), false);
    static final String REMOVAL_KEY = "removal-key-" + UUID.randomUUID();
    static final String KIOSK_KEY = "kiosk-key-" + UUID.randomUUID();
    static final String OTHER_KEY = "other-key-" + UUID.randomUUID();
    static final String OPERATOR_KEY = "operator-key-" + UUID.randomUUID();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CloudEventCodec CODEC = new CloudEventCodec("/test");

    static GraphEmulator graph;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantGraphs graphs;
    @Autowired
    org.springframework.core.env.Environment jdbcEnvironment;
    @Autowired
    io.calbridge.roombooking.room.application.RoomsRemoved roomsRemoved;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> RoomBookingStack.ENCRYPTION_KEY);
        registry.add("calbridge.security.api-keys", () -> String.join(",",
                ApiKeys.entryFor("kiosk", TENANT, KIOSK_KEY),
                ApiKeys.entryFor("other", OTHER_TENANT, OTHER_KEY),
                ApiKeys.entryFor("invite", INVITE_TENANT, INVITE_KEY),
                ApiKeys.entryFor("removal", REMOVAL_TENANT, REMOVAL_KEY),
                ApiKeys.entryFor("operator", "*", OPERATOR_KEY)));
        registry.add("calbridge.tenants.cache-for", () -> "0s");
        registry.add("roombooking.booking.past-tolerance", () -> "PT10M");
        registry.add("roombooking.check-in.grace", () -> "PT2M");
        registry.add("roombooking.check-in.sweep-interval", () -> "PT0.5S");
        registry.add("roombooking.invite.poll-interval", () -> "PT0.5S");
        registry.add("roombooking.catalog.initial-delay", () -> "PT1H");
        registry.add("roombooking.booking.tenant-modes[" + INVITE_TENANT + "]", () -> "INVITE");
    }

    @BeforeAll
    static void startGraph() {
        graph = GraphEmulator.start(EmulatorOptions.defaults());
        graph.seed(RoomBookingStack.seed(TENANT, DOMAIN, ROOM_A, ROOM_B, ROOM_C));
        RoomBookingStack.publish(RoomBookingStack.tenantConfigured(TENANT, graph));
        RoomBookingStack.publish(RoomBookingStack.roomConnected(TENANT, ROOM_A, "hq-rooms@" + DOMAIN),
                RoomBookingStack.roomConnected(TENANT, ROOM_B, "hq-rooms@" + DOMAIN),
                RoomBookingStack.roomConnected(TENANT, ROOM_C, "hq-rooms@" + DOMAIN));
        graph.seed(RoomBookingStack.seed(INVITE_TENANT, INVITE_DOMAIN, ROOM_D));
        RoomBookingStack.publish(RoomBookingStack.tenantConfigured(INVITE_TENANT, graph),
                RoomBookingStack.roomConnected(INVITE_TENANT, ROOM_D, null));
        graph.seed(RoomBookingStack.seed(REMOVAL_TENANT, REMOVAL_DOMAIN, ROOM_E));
        RoomBookingStack.publish(RoomBookingStack.tenantConfigured(REMOVAL_TENANT, graph),
                RoomBookingStack.roomConnected(REMOVAL_TENANT, ROOM_E, null));
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    void awaitRoomsConnected() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM rooms WHERE tenant_id = ? AND connected", Integer.class, TENANT) == 3
                && jdbc.queryForObject("SELECT count(*) FROM known_tenants WHERE tenant_id = ?", Integer.class, TENANT) == 1);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    HttpResponse<String> book(String key, RoomSpec room, String organizer, Instant start, Instant end, String subject) {
        String body = """
                {"roomId":"%s","organizer":"%s","start":"%s","end":"%s","subject":"%s","attendees":["bob@%s"]}"""
                .formatted(room.id(), organizer, start, end, subject, DOMAIN);
        return http("POST", url("/api/tenants/" + TENANT + "/bookings"), KIOSK_KEY, body, Map.of("Idempotency-Key", key));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static Instant tomorrowAt(int hour) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS);
    }

    List<Event> roomEventsTagged(RoomSpec room, String tag) {
        List<Event> events = graphs.forTenant(TENANT).call(GraphTarget.mailbox(room.id()), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room.id()).events().get(c -> {
                    c.queryParameters.expand = new String[] {
                            "singleValueExtendedProperties($filter=id eq '" + CalbridgeTag.PROPERTY_ID + "')"};
                    c.queryParameters.top = 500;
                })).join().getValue();
        return events.stream().filter(e -> e.getSingleValueExtendedProperties() != null
                && e.getSingleValueExtendedProperties().stream().anyMatch(p -> tag.equals(p.getValue()))).toList();
    }

    List<ConsumerRecord<String, byte[]>> bookingEventsFor(UUID bookingId, int atLeast) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = RoomBookingStack.bookingsConsumer()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> RoomBookingStack.poll(consumer, seen).stream()
                    .filter(r -> CODEC.decode(r) instanceof io.calbridge.common.events.booking.BookingEvent e
                            && e.bookingId().equals(bookingId)).count() >= atLeast);
        }
        return seen.stream().filter(r -> CODEC.decode(r) instanceof io.calbridge.common.events.booking.BookingEvent e
                && e.bookingId().equals(bookingId)).toList();
    }

    @Test
    void booksTheRoomCalendarAndPublishesRoomBooked() {
        awaitRoomsConnected();

        HttpResponse<String> response = book("k-book-1", ROOM_A, "alice@" + DOMAIN, tomorrowAt(9), tomorrowAt(10), "Planning");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode booking = json(response);
        assertThat(booking.get("status").asText()).isEqualTo("CONFIRMED");
        UUID id = UUID.fromString(booking.get("id").asText());
        List<Event> written = roomEventsTagged(ROOM_A, "booking:" + id);
        assertThat(written).hasSize(1);
        assertThat(written.getFirst().getAttendees()).extracting(a -> a.getEmailAddress().getAddress().toLowerCase())
                .contains("alice@" + DOMAIN, "bob@" + DOMAIN);
        assertThat(written.getFirst().getSubject()).isEqualTo("Planning");

        ConsumerRecord<String, byte[]> record = bookingEventsFor(id, 1).getFirst();
        assertThat(record.key()).isEqualTo(TENANT + "/" + ROOM_A.id());
        assertThat(new String(record.headers().lastHeader("ce_type").value())).isEqualTo("io.calbridge.booking.RoomBooked.v1");
        assertThat(new String(record.headers().lastHeader("ce_source").value())).isEqualTo("/room-booking-service");
        RoomBooked booked = (RoomBooked) CODEC.decode(record);
        assertThat(booked.roomAddress()).isEqualTo(ROOM_A.email());
        assertThat(booked.start()).isEqualTo(tomorrowAt(9));
        assertThat(booked.calendarEventId()).isEqualTo(written.getFirst().getId());
        assertThat(booked.organizer().address()).isEqualToIgnoringCase("alice@" + DOMAIN);
    }

    @Test
    void replaysTheSameIdempotencyKeyAndRefusesItForAnotherBody() {
        awaitRoomsConnected();
        HttpResponse<String> first = book("k-replay", ROOM_A, "alice@" + DOMAIN, tomorrowAt(11), tomorrowAt(12), "Replay");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        HttpResponse<String> again = book("k-replay", ROOM_A, "alice@" + DOMAIN, tomorrowAt(11), tomorrowAt(12), "Replay");
        HttpResponse<String> different = book("k-replay", ROOM_A, "alice@" + DOMAIN, tomorrowAt(13), tomorrowAt(14), "Replay");

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(roomEventsTagged(ROOM_A, "booking:" + json(first).get("id").asText())).hasSize(1);
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(different.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(different).get("type").asText()).isEqualTo("https://calbridge.dev/problems/idempotency-key-reused");
    }

    @Test
    void refusesAnOverlappingBookingNamingTheSlot() {
        awaitRoomsConnected();
        HttpResponse<String> first = book("k-overlap-1", ROOM_B, "alice@" + DOMAIN, tomorrowAt(9), tomorrowAt(10), "First");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        HttpResponse<String> second = book("k-overlap-2", ROOM_B, "bob@" + DOMAIN,
                tomorrowAt(9).plus(30, ChronoUnit.MINUTES), tomorrowAt(11), "Second");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(second);
        assertThat(problem.get("type").asText()).isEqualTo("https://calbridge.dev/problems/slot-taken");
        assertThat(problem.get("conflict").get("start").asText()).isEqualTo(tomorrowAt(9).toString());
        assertThat(problem.get("conflict").get("end").asText()).isEqualTo(tomorrowAt(10).toString());
        assertThat(problem.get("conflict").get("bookingId").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(second.body()).doesNotContain("First");
    }

    @Test
    void exactlyOneOfManyConcurrentRequestsWinsASlot() throws Exception {
        awaitRoomsConnected();
        Instant start = tomorrowAt(15);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = "k-race-" + i;
            requests.add(() -> book(key, ROOM_C, "alice@" + DOMAIN, start.plus(i(key), ChronoUnit.MINUTES),
                    start.plus(60, ChronoUnit.MINUTES), "Race").statusCode());
        }

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<Integer> f : pool.invokeAll(requests)) {
                statuses.add(f.get());
            }
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings WHERE room_id = ? AND status = 'CONFIRMED'"
                + " AND starts_at < ? AND ends_at > ?", Integer.class, ROOM_C.id(),
                java.sql.Timestamp.from(start.plus(60, ChronoUnit.MINUTES)), java.sql.Timestamp.from(start))).isEqualTo(1);
    }

    private static int i(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1)) * 5;
    }

    @Test
    void aMeetingSeenThroughSyncBlocksItsSlotAndKeepsItsSubjectPrivate() {
        awaitRoomsConnected();
        Instant start = tomorrowAt(16);
        RoomBookingStack.publish(new CalendarEventChanged(TENANT, ROOM_B.id(), ROOM_B.email(), MailboxKind.ROOM,
                CalendarEventChanged.ChangeType.CREATED, "outlook-event-1",
                new CalendarEventChanged.Snapshot("Secret board meeting", start, start.plus(1, ChronoUnit.HOURS), false,
                        ShowAs.BUSY, false, ResponseStatus.ACCEPTED, new Participant("bob@" + DOMAIN, "Bob Brown"),
                        List.of(), null, Recurrence.SINGLE, "ical-outlook-1", "ck-1", Instant.now(), null),
                Instant.now(), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM room_busy WHERE event_id = 'outlook-event-1'", Integer.class) == 1);

        HttpResponse<String> refused = book("k-outlook", ROOM_B, "alice@" + DOMAIN, start.plus(15, ChronoUnit.MINUTES),
                start.plus(45, ChronoUnit.MINUTES), "Mine");
        HttpResponse<String> availability = http("GET", url("/api/tenants/" + TENANT + "/availability?rooms=" + ROOM_B.id()
                + "&start=" + start.minus(1, ChronoUnit.HOURS) + "&end=" + start.plus(2, ChronoUnit.HOURS)), KIOSK_KEY, null, Map.of());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("conflict").has("bookingId")).isFalse();
        assertThat(availability.statusCode()).isEqualTo(200);
        JsonNode room = json(availability).get(0);
        assertThat(room.get("source").asText()).isEqualTo("index");
        assertThat(room.get("busy").get(0).get("start").asText()).isEqualTo(start.toString());
        assertThat(room.get("busy").get(0).get("status").asText()).isEqualTo("busy");
        assertThat(availability.body()).doesNotContain("Secret");
    }

    @Test
    void cancellingDeletesTheEventAndPublishesRoomBookingCancelled() {
        awaitRoomsConnected();
        HttpResponse<String> booked = book("k-cancel", ROOM_A, "alice@" + DOMAIN, tomorrowAt(17), tomorrowAt(18), "Cancel me");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = json(booked).get("id").asText();

        HttpResponse<String> cancelled = http("DELETE", url("/api/tenants/" + TENANT + "/bookings/" + id), KIOSK_KEY, null, Map.of());

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(roomEventsTagged(ROOM_A, "booking:" + id)).isEmpty();
        List<ConsumerRecord<String, byte[]>> events = bookingEventsFor(UUID.fromString(id), 2);
        RoomBookingCancelled event = (RoomBookingCancelled) CODEC.decode(events.getLast());
        assertThat(event.reason()).isEqualTo(RoomBookingCancelled.Reason.CANCELLED_BY_ORGANIZER);
        assertThat(book("k-cancel-again", ROOM_A, "bob@" + DOMAIN, tomorrowAt(17), tomorrowAt(18), "Now free").statusCode())
                .isEqualTo(201);
    }

    @Test
    void releasesABookingNobodyCheckedInTo() {
        awaitRoomsConnected();
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> booked = book("k-noshow", ROOM_C, "alice@" + DOMAIN, start, start.plus(1, ChronoUnit.HOURS), "No show");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = json(booked).get("id").asText();

        List<ConsumerRecord<String, byte[]>> events = bookingEventsFor(UUID.fromString(id), 2);

        RoomBookingCancelled released = (RoomBookingCancelled) CODEC.decode(events.getLast());
        assertThat(released.reason()).isEqualTo(RoomBookingCancelled.Reason.NO_SHOW);
        assertThat(roomEventsTagged(ROOM_C, "booking:" + id)).isEmpty();
        assertThat(json(http("GET", url("/api/tenants/" + TENANT + "/bookings/" + id), KIOSK_KEY, null, Map.of()))
                .get("status").asText()).isEqualTo("RELEASED");
    }

    @Test
    void aCheckedInBookingIsKept() {
        awaitRoomsConnected();
        Instant start = Instant.now().plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> booked = book("k-checkin", ROOM_A, "alice@" + DOMAIN, start, start.plus(30, ChronoUnit.MINUTES), "Stand-up");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = json(booked).get("id").asText();

        HttpResponse<String> checkedIn = http("POST", url("/api/tenants/" + TENANT + "/bookings/" + id + "/check-in"), KIOSK_KEY, null, Map.of());

        assertThat(checkedIn.statusCode()).as(checkedIn.body()).isEqualTo(200);
        assertThat(json(checkedIn).get("checkedInAt").isNull()).isFalse();
    }

    @Test
    void aGraphFailureLeavesNoBookingBehind() {
        awaitRoomsConnected();
        HttpResponse<String> fault = http("POST", graph.controlUrl() + "/faults", null, """
                {"pathPattern":"/users/%s/events$","method":"POST","status":500,"code":"ErrorInternalServerError","times":1}"""
                .formatted(ROOM_B.id()), Map.of());
        assertThat(fault.statusCode()).isEqualTo(201);

        HttpResponse<String> failed = book("k-fail", ROOM_B, "alice@" + DOMAIN, tomorrowAt(19), tomorrowAt(20), "Doomed");

        assertThat(failed.statusCode()).as(failed.body()).isIn(502, 503);
        assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(jdbc.queryForObject("SELECT status FROM bookings WHERE idempotency_key = 'k-fail'", String.class)).isEqualTo("FAILED");
        assertThat(book("k-after-fail", ROOM_B, "bob@" + DOMAIN, tomorrowAt(19), tomorrowAt(20), "Works").statusCode()).isEqualTo(201);
        assertThat(roomEventsTagged(ROOM_B, "booking:" + jdbc.queryForObject(
                "SELECT id FROM bookings WHERE idempotency_key = 'k-fail'", UUID.class))).isEmpty();
    }

    @Test
    void movingABookingUpdatesTheEvent() {
        awaitRoomsConnected();
        HttpResponse<String> booked = book("k-move", ROOM_C, "alice@" + DOMAIN, tomorrowAt(7), tomorrowAt(8), "Move me");
        String id = json(booked).get("id").asText();

        HttpResponse<String> blocker = book("k-move-blocker", ROOM_C, "bob@" + DOMAIN, tomorrowAt(18), tomorrowAt(19), "In the way");
        assertThat(blocker.statusCode()).as(blocker.body()).isEqualTo(201);

        HttpResponse<String> refused = http("PATCH", url("/api/tenants/" + TENANT + "/bookings/" + id), KIOSK_KEY,
                """
                {"start":"%s","end":"%s"}""".formatted(tomorrowAt(18), tomorrowAt(19)), Map.of());
        HttpResponse<String> moved = http("PATCH", url("/api/tenants/" + TENANT + "/bookings/" + id), KIOSK_KEY,
                """
                {"start":"%s","end":"%s"}""".formatted(tomorrowAt(20), tomorrowAt(21)), Map.of());

        assertProblem(refused, 409, null);
        assertThat(json(refused).get("conflict").get("bookingId").asText()).isEqualTo(json(blocker).get("id").asText());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        Event event = roomEventsTagged(ROOM_C, "booking:" + id).getFirst();
        assertThat(event.getStart().getDateTime()).startsWith(tomorrowAt(20).toString().substring(0, 16));
    }

    @Test
    void errorsAreProblemDetails() {
        awaitRoomsConnected();
        String bookings = url("/api/tenants/" + TENANT + "/bookings");
        String valid = """
                {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s"}""".formatted(ROOM_A.id(), DOMAIN, tomorrowAt(22), tomorrowAt(23));

        assertProblem(http("POST", bookings, null, valid, Map.of("Idempotency-Key", "e1")), 401, null);
        assertProblem(http("POST", bookings, OTHER_KEY, valid, Map.of("Idempotency-Key", "e2")), 403, null);
        assertProblem(http("POST", bookings, KIOSK_KEY, valid, Map.of()), 400, "Idempotency-Key");
        assertProblem(http("POST", bookings, KIOSK_KEY, """
                {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s"}""".formatted(ROOM_A.id(), DOMAIN,
                tomorrowAt(23), tomorrowAt(22)), Map.of("Idempotency-Key", "e3")), 400, "end");
        assertProblem(http("POST", bookings, KIOSK_KEY, """
                {"roomId":"%s","organizer":"alice@%s","start":"2020-01-01T09:00:00Z","end":"2020-01-01T10:00:00Z"}"""
                .formatted(ROOM_A.id(), DOMAIN), Map.of("Idempotency-Key", "e4")), 422, "start");
        assertProblem(http("POST", bookings, KIOSK_KEY, """
                {"roomId":"no-such-room","organizer":"alice@%s","start":"%s","end":"%s"}""".formatted(DOMAIN,
                tomorrowAt(22), tomorrowAt(23)), Map.of("Idempotency-Key", "e5")), 422, "roomId");
        assertProblem(http("POST", bookings, KIOSK_KEY, """
                {"roomId":"%s","organizer":"mallory@elsewhere.example","start":"%s","end":"%s"}""".formatted(ROOM_A.id(),
                tomorrowAt(22), tomorrowAt(23)), Map.of("Idempotency-Key", "e6")), 422, "organizer");
        assertProblem(http("POST", bookings, KIOSK_KEY, """
                {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s"}""".formatted(ROOM_A.id(), DOMAIN,
                tomorrowAt(1), tomorrowAt(1).plus(25, ChronoUnit.HOURS)), Map.of("Idempotency-Key", "e7")), 422, "end");
        assertProblem(http("POST", bookings, KIOSK_KEY, "{not json", Map.of("Idempotency-Key", "e8")), 400, null);
        assertProblem(http("GET", bookings + "/" + UUID.randomUUID(), KIOSK_KEY, null, Map.of()), 404, null);
        assertProblem(http("GET", url("/api/tenants/unknown-tenant/bookings/" + UUID.randomUUID()), OPERATOR_KEY, null, Map.of()), 404, null);
        assertProblem(http("GET", url("/api/tenants/" + TENANT + "/availability?rooms=" + ROOM_A.id() + "&start="
                + tomorrowAt(10) + "&end=" + tomorrowAt(9)), KIOSK_KEY, null, Map.of()), 400, "end");
        assertProblem(http("GET", url("/api/tenants/" + TENANT + "/availability?rooms=" + ROOM_A.id()
                + "&start=tomorrow-morning&end=" + tomorrowAt(9)), KIOSK_KEY, null, Map.of()), 400, null);
    }

    @Test
    void publishesAnOpenApiDocumentWithoutTheCaller() {
        HttpResponse<String> docs = http("GET", url("/v3/api-docs"), null, null, Map.of());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/tenants/{tenantId}/bookings", "Idempotency-Key").doesNotContain("\"caller\"");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type of " + response.body())
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        if (field != null) {
            assertThat(json(response).get("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void listsRoomsFromThePlacesApiWithFilters() {
        awaitRoomsConnected();
        HttpResponse<String> refreshed = http("POST", url("/api/tenants/" + TENANT + "/rooms/refresh"), KIOSK_KEY, null, Map.of());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

        HttpResponse<String> big = http("GET", url("/api/tenants/" + TENANT + "/rooms?minCapacity=10"), KIOSK_KEY, null, Map.of());
        HttpResponse<String> projector = http("GET", url("/api/tenants/" + TENANT + "/rooms?features=projector&floor=1&building=HQ"), KIOSK_KEY, null, Map.of());
        HttpResponse<String> wheelchair = http("GET", url("/api/tenants/" + TENANT + "/rooms?features=wheelchair&roomList=hq-rooms@" + DOMAIN), KIOSK_KEY, null, Map.of());

        assertThat(json(refreshed).get("seen").asInt()).isEqualTo(3);
        assertThat(json(big).findValuesAsString("email")).containsExactly(ROOM_B.email());
        assertThat(json(projector).findValuesAsString("email")).containsExactly(ROOM_A.email());
        assertThat(json(projector).get(0).get("capacity").asInt()).isEqualTo(8);
        assertThat(json(wheelchair).findValuesAsString("email")).containsExactly(ROOM_B.email());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM room_catalog_changes WHERE tenant_id = ? AND change = 'APPEARED'",
                Integer.class, TENANT)).isEqualTo(3);

        assertThat(book("k-free-filter", ROOM_C, "alice@" + DOMAIN, tomorrowAt(4), tomorrowAt(5), "Early").statusCode()).isEqualTo(201);
        HttpResponse<String> free = http("GET", url("/api/tenants/" + TENANT + "/rooms?start=" + tomorrowAt(4).plus(30, ChronoUnit.MINUTES)
                + "&end=" + tomorrowAt(5).plus(30, ChronoUnit.MINUTES)), KIOSK_KEY, null, Map.of());
        assertThat(free.statusCode()).as(free.body()).isEqualTo(200);
        assertThat(json(free).findValuesAsString("email")).contains(ROOM_A.email(), ROOM_B.email()).doesNotContain(ROOM_C.email());
    }

    @Test
    void coldRoomsFallBackToGetScheduleWithoutSubjects() {
        awaitRoomsConnected();
        Instant start = tomorrowAt(6);
        HttpResponse<String> outlook = http("POST", graph.controlUrl() + "/outlook/users/" + ROOM_A.email() + "/events?tenant=" + TENANT, null, """
                {"subject":"Confidential interview","start":{"dateTime":"%s","timeZone":"UTC"},"end":{"dateTime":"%s","timeZone":"UTC"},"showAs":"busy"}"""
                .formatted(start.toString().replace("Z", ""), start.plus(30, ChronoUnit.MINUTES).toString().replace("Z", "")), Map.of());
        assertThat(outlook.statusCode()).as(outlook.body()).isEqualTo(201);

        HttpResponse<String> availability = http("GET", url("/api/tenants/" + TENANT + "/availability?rooms=" + ROOM_A.id()
                + "&start=" + start.minus(1, ChronoUnit.HOURS) + "&end=" + start.plus(1, ChronoUnit.HOURS)), KIOSK_KEY, null, Map.of());

        assertThat(availability.statusCode()).as(availability.body()).isEqualTo(200);
        JsonNode room = json(availability).get(0);
        assertThat(room.get("source").asText()).isEqualTo("getSchedule");
        assertThat(room.get("busy").findValuesAsString("start")).contains(start.toString());
        assertThat(availability.body()).doesNotContain("Confidential");
    }

    void awaitInviteTenant() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM rooms WHERE tenant_id = ? AND connected", Integer.class, INVITE_TENANT) == 1
                && jdbc.queryForObject("SELECT count(*) FROM known_tenants WHERE tenant_id = ?", Integer.class, INVITE_TENANT) == 1);
    }

    HttpResponse<String> invite(String key, Instant start, Instant end) {
        String body = """
                {"roomEmail":"%s","organizer":"alice@%s","start":"%s","end":"%s","subject":"Invite"}"""
                .formatted(ROOM_D.email(), INVITE_DOMAIN, start, end);
        return http("POST", url("/api/tenants/" + INVITE_TENANT + "/bookings"), INVITE_KEY, body, Map.of("Idempotency-Key", key));
    }

    String inviteStatus(String id) {
        return json(http("GET", url("/api/tenants/" + INVITE_TENANT + "/bookings/" + id), INVITE_KEY, null, Map.of()))
                .get("status").asText();
    }

    @Test
    void anInvitedRoomThatAcceptsConfirmsTheBooking() {
        awaitInviteTenant();

        HttpResponse<String> requested = invite("k-invite-yes", tomorrowAt(9), tomorrowAt(10));

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        assertThat(json(requested).get("status").asText()).isEqualTo("REQUESTED");
        String id = json(requested).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> inviteStatus(id).equals("CONFIRMED"));
        RoomBooked booked = (RoomBooked) CODEC.decode(bookingEventsFor(UUID.fromString(id), 1).getFirst());
        assertThat(booked.mode()).isEqualTo(io.calbridge.common.events.booking.BookingMode.RESOURCE_ATTENDEE);
        assertThat(booked.roomId()).isEqualTo(ROOM_D.id());
    }

    @Test
    void anInvitedRoomThatDeclinesPublishesRoomBookingDeclined() {
        awaitInviteTenant();
        Instant start = tomorrowAt(14);
        HttpResponse<String> outlook = http("POST", graph.controlUrl() + "/outlook/users/" + ROOM_D.email() + "/events?tenant=" + INVITE_TENANT, null, """
                {"subject":"Booked at the front desk","start":{"dateTime":"%s","timeZone":"UTC"},"end":{"dateTime":"%s","timeZone":"UTC"},"showAs":"busy"}"""
                .formatted(start.toString().replace("Z", ""), start.plus(1, ChronoUnit.HOURS).toString().replace("Z", "")), Map.of());
        assertThat(outlook.statusCode()).as(outlook.body()).isEqualTo(201);

        HttpResponse<String> requested = invite("k-invite-no", start, start.plus(1, ChronoUnit.HOURS));

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String id = json(requested).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> inviteStatus(id).equals("DECLINED"));
        var declined = (io.calbridge.common.events.booking.RoomBookingDeclined) CODEC.decode(bookingEventsFor(UUID.fromString(id), 1).getFirst());
        assertThat(declined.reason()).isEqualTo(io.calbridge.common.events.booking.RoomBookingDeclined.Reason.DECLINED_BY_ROOM);
    }

    @Test
    void fiftyRequestsForOneSlotAcrossTwoInstancesGiveExactlyOneBooking() throws Exception {
        awaitRoomsConnected();
        try (var second = new org.springframework.boot.builder.SpringApplicationBuilder(io.calbridge.roombooking.RoomBookingApplication.class)
                .run(secondInstanceProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            Instant start = tomorrowAt(12);
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int n = 0; n < 50; n++) {
                int instancePort = n % 2 == 0 ? port : secondPort;
                String body = """
                        {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s","subject":"Contested"}"""
                        .formatted(ROOM_B.id(), DOMAIN, start.plus(n % 4 * 10, ChronoUnit.MINUTES), start.plus(1, ChronoUnit.HOURS));
                String key = "k-fifty-" + n;
                requests.add(() -> http("POST", "http://localhost:" + instancePort + "/api/tenants/" + TENANT + "/bookings",
                        KIOSK_KEY, body, Map.of("Idempotency-Key", key)).statusCode());
            }

            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
                for (Future<Integer> f : pool.invokeAll(requests)) {
                    statuses.add(f.get());
                }
            }

            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
            assertThat(roomEventsOverlapping(ROOM_B, start, start.plus(1, ChronoUnit.HOURS))).hasSize(1);
        }
    }

    Map<String, Object> secondInstanceProperties() {
        var env = (org.springframework.core.env.ConfigurableEnvironment) jdbcEnvironment;
        Map<String, Object> p = new java.util.HashMap<>(io.calbridge.testsupport.TestInfrastructure.springProperties(BookingFlowIT.class));
        for (String name : List.of("calbridge.encryption-key", "calbridge.security.api-keys", "calbridge.tenants.cache-for",
                "roombooking.catalog.initial-delay")) {
            p.put(name, env.getProperty(name));
        }
        p.put("server.port", "0");
        p.put("roombooking.check-in.sweep-interval", "PT1H");
        p.put("roombooking.invite.poll-interval", "PT1H");
        return p;
    }

    List<Event> roomEventsOverlapping(RoomSpec room, Instant start, Instant end) {
        return graphs.forTenant(TENANT).call(GraphTarget.mailbox(room.id()), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room.id()).calendarView().get(c -> {
                    c.queryParameters.startDateTime = start.toString();
                    c.queryParameters.endDateTime = end.toString();
                    c.queryParameters.top = 500;
                })).join().getValue();
    }

    @Test
    void aBookedMeetingDeletedInOutlookEndsTheBooking() {
        awaitRoomsConnected();
        HttpResponse<String> booked = book("k-outlook-delete", ROOM_C, "alice@" + DOMAIN, tomorrowAt(10), tomorrowAt(11), "Deleted later");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = json(booked).get("id").asText();
        String eventId = json(booked).get("eventId").asText();

        RoomBookingStack.publish(new CalendarEventChanged(TENANT, ROOM_C.id(), ROOM_C.email(), MailboxKind.ROOM,
                CalendarEventChanged.ChangeType.DELETED, eventId, null, Instant.now(), null));

        RoomBookingCancelled cancelled = (RoomBookingCancelled) CODEC.decode(bookingEventsFor(UUID.fromString(id), 2).getLast());
        assertThat(cancelled.reason()).isEqualTo(RoomBookingCancelled.Reason.DELETED_FROM_CALENDAR);
        assertThat(json(http("GET", url("/api/tenants/" + TENANT + "/bookings/" + id), KIOSK_KEY, null, Map.of()))
                .get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aTenantNeverSeesAnotherTenantsBookingsOrRooms() {
        awaitRoomsConnected();
        awaitInviteTenant();
        HttpResponse<String> booked = book("k-isolation", ROOM_A, "alice@" + DOMAIN, tomorrowAt(5), tomorrowAt(6), "Ours");
        String id = json(booked).get("id").asText();

        HttpResponse<String> viaOtherTenantPath = http("GET", url("/api/tenants/" + INVITE_TENANT + "/bookings/" + id), INVITE_KEY, null, Map.of());
        HttpResponse<String> viaOurPathWithTheirKey = http("GET", url("/api/tenants/" + TENANT + "/bookings/" + id), INVITE_KEY, null, Map.of());
        HttpResponse<String> theirRoomsFromOurTenant = http("POST", url("/api/tenants/" + TENANT + "/bookings"), KIOSK_KEY, """
                {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s"}""".formatted(ROOM_D.id(), DOMAIN,
                tomorrowAt(5), tomorrowAt(6)), Map.of("Idempotency-Key", "k-isolation-2"));

        assertProblem(viaOtherTenantPath, 404, null);
        assertProblem(viaOurPathWithTheirKey, 403, null);
        assertProblem(theirRoomsFromOurTenant, 422, "roomId");
    }

    @Test
    void countsBookingsAndConflictsOnPrometheus() {
        awaitRoomsConnected();
        double bookedBefore = scrape("calbridge_bookings_total", TENANT, "BOOKED");
        double conflictsBefore = scrape("calbridge_booking_conflicts_total", TENANT, null);

        HttpResponse<String> first = book("k-metrics-1", ROOM_C, "alice@" + DOMAIN, tomorrowAt(2), tomorrowAt(3), "Counted");
        HttpResponse<String> second = book("k-metrics-2", ROOM_C, "bob@" + DOMAIN,
                tomorrowAt(2).plus(30, ChronoUnit.MINUTES), tomorrowAt(3), "Refused");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(scrape("calbridge_bookings_total", TENANT, "BOOKED")).isEqualTo(bookedBefore + 1);
        assertThat(scrape("calbridge_booking_conflicts_total", TENANT, null)).isEqualTo(conflictsBefore + 1);
        // Every outcome of a counted tenant is there, at zero or more, so that rates have a series before it happens.
        String text = http("GET", url("/actuator/prometheus"), null, null, Map.of()).body();
        for (String outcome : List.of("BOOKED", "CANCELLED", "DECLINED", "NO_SHOW", "FAILED")) {
            assertThat(sample(text, "calbridge_bookings_total", TENANT, outcome)).as(outcome).isNotNull();
        }
    }

    /** The value of a counter series on /actuator/prometheus; 0 when the series is not there yet. */
    double scrape(String name, String tenant, String outcome) {
        HttpResponse<String> response = http("GET", url("/actuator/prometheus"), null, null, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        Double value = sample(response.body(), name, tenant, outcome);
        return value == null ? 0 : value;
    }

    static Double sample(String exposition, String name, String tenant, String outcome) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("tenant=\"" + tenant + "\"")
                    && (outcome == null || line.contains("outcome=\"" + outcome + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    @Test
    void aRoomRemovedFromTheCatalogEndsItsFutureBookingsWithRoomRemoved() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM rooms WHERE tenant_id = ? AND connected", Integer.class, REMOVAL_TENANT) == 1
                && jdbc.queryForObject("SELECT count(*) FROM known_tenants WHERE tenant_id = ?", Integer.class, REMOVAL_TENANT) == 1);
        HttpResponse<String> booked = http("POST", url("/api/tenants/" + REMOVAL_TENANT + "/bookings"), REMOVAL_KEY, """
                {"roomId":"%s","organizer":"alice@%s","start":"%s","end":"%s","subject":"Doomed"}""".formatted(ROOM_E.id(),
                REMOVAL_DOMAIN, tomorrowAt(9), tomorrowAt(10)), Map.of("Idempotency-Key", "k-removal"));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        UUID id = UUID.fromString(json(booked).get("id").asText());

        // What a catalog refresh does for a room the Places API stopped listing (the emulator cannot unlist one).
        roomsRemoved.removed(REMOVAL_TENANT, List.of(ROOM_E.email()));

        RoomBookingCancelled cancelled = (RoomBookingCancelled) CODEC.decode(bookingEventsFor(id, 2).getLast());
        assertThat(cancelled.reason()).isEqualTo(RoomBookingCancelled.Reason.ROOM_REMOVED);
        assertThat(cancelled.detail()).contains(ROOM_E.email()).contains("removed from the tenant's room catalog");
        assertThat(json(http("GET", url("/api/tenants/" + REMOVAL_TENANT + "/bookings/" + id), REMOVAL_KEY, null, Map.of()))
                .get("status").asText()).isEqualTo("CANCELLED");
        List<Event> left = graphs.forTenant(REMOVAL_TENANT).call(GraphTarget.mailbox(ROOM_E.id()), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(ROOM_E.id()).events().get()).join().getValue();
        assertThat(left).as("the event is deleted from the room's calendar").isEmpty();
    }
}
