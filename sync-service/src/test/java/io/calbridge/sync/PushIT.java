package io.calbridge.sync;

import static io.calbridge.sync.SyncHarness.TENANT;
import static io.calbridge.sync.SyncHarness.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.models.Event;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.EventTypes;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.common.events.calendar.ShowAs;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import io.calbridge.common.events.push.CalendarEventPushRequested.Content;
import io.calbridge.common.events.push.CalendarEventPushRequested.Operation;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.sync.subscription.adapter.out.messaging.OutboxNotificationQueue;
import io.calbridge.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The MyTimetable push use case and the dead letters of every input topic, on Kafka and the emulator. */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static SyncHarness harness;

    @BeforeAll
    static void startEmulator() {
        harness = new SyncHarness(EmulatorOptions.defaults(), List.of("frank", "grace", "hedy"), List.of("grace"));
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> SyncHarness.KEY);
        registry.add("sync.worker.poll-interval", () -> "PT0.1S");
        registry.add("calbridge.messaging.consumer.max-retries", () -> "2");
    }

    @Autowired
    TenantRegistry tenants;
    @Autowired
    TenantGraphs graphs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    private static boolean ready;
    private static KafkaConsumer<String, byte[]> deadLetters;
    private static final List<ConsumerRecord<String, byte[]>> deadLettered = new ArrayList<>();

    @BeforeEach
    void configureTenantOnce() throws Exception {
        if (!ready) {
            tenants.apply(harness.tenantConfigured());
            String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
            harness.connectKafka(bootstrap);
            deadLetters = SyncHarness.consumer(bootstrap, "push-it-dlq-" + UUID.randomUUID());
            deadLetters.subscribe(List.of(Topics.dlq(Topics.ACCOUNTS, "sync-service"), Topics.dlq(Topics.PUSHES, "sync-service"),
                    Topics.dlq(Topics.NOTIFICATIONS, "sync-service")));
            ready = true;
        }
    }

    @Test
    void anUpsertCreatesOneTaggedEventARepeatIsANoOpAndChangesAndDeletesFollow() throws Exception {
        harness.connect("frank");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.changesOf("frank")).hasSize(4));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM subscriptions WHERE mailbox_id = ? AND health = 'ACTIVE'", Long.class, id("frank")) == 1);
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

        harness.publish(push("lesson-1", Operation.UPSERT, content("Algebra", start), Instant.now()));

        CalendarEventChanged created = awaitChange("frank", c -> c.change() == ChangeType.CREATED
                && "push:lesson-1".equals(c.snapshot().calbridgeTag()));
        assertThat(created.snapshot().subject()).isEqualTo("Algebra");
        assertThat(created.correlationId()).isEqualTo("corr-lesson-1");
        assertThat(created.snapshot().start()).isEqualTo(start);
        assertThat(taggedEventsInGraph("lesson-1")).isEqualTo(1);

        harness.publish(push("lesson-1", Operation.UPSERT, content("Algebra", start), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT last_occurred_at > ? FROM pushed_events WHERE external_id = 'lesson-1'", Boolean.class,
                java.sql.Timestamp.from(created.occurredAt())));
        assertThat(taggedEventsInGraph("lesson-1")).isEqualTo(1);
        int before = harness.changesOf("frank").size();

        harness.publish(push("lesson-1", Operation.UPSERT, content("Algebra II", start), Instant.now()));

        CalendarEventChanged updated = awaitChange("frank", c -> c.change() == ChangeType.UPDATED
                && c.eventId().equals(created.eventId()));
        assertThat(updated.snapshot().subject()).isEqualTo("Algebra II");
        assertThat(harness.changesOf("frank")).hasSize(before + 1);
        assertThat(taggedEventsInGraph("lesson-1")).isEqualTo(1);

        harness.publish(push("lesson-1", Operation.DELETE, null, Instant.now()));

        awaitChange("frank", c -> c.change() == ChangeType.DELETED && c.eventId().equals(created.eventId()));
        assertThat(taggedEventsInGraph("lesson-1")).isZero();
    }

    @Test
    void categoriesAreWrittenOnCreateReplacedOnUpdateAndLeftAsTheyAreWhenAbsent() {
        Instant start = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        harness.connect("hedy");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mailboxes WHERE mailbox_id = ?", Long.class, id("hedy")) == 1);

        harness.publish(hedyPush("course-1", content("Physics", start, List.of("Science", "Exam"))));
        awaitInGraph("course-1", e -> assertThat(e.getCategories()).containsExactly("Science", "Exam"));

        harness.publish(hedyPush("course-1", content("Physics", start, List.of("Science"))));
        awaitInGraph("course-1", e -> assertThat(e.getCategories()).containsExactly("Science"));

        harness.publish(hedyPush("course-1", content("Physics II", start)));
        awaitInGraph("course-1", e -> {
            assertThat(e.getSubject()).isEqualTo("Physics II");
            assertThat(e.getCategories()).containsExactly("Science");
        });

        harness.publish(hedyPush("course-1", content("Physics II", start, List.of())));
        awaitInGraph("course-1", e -> assertThat(e.getCategories()).isEmpty());

        harness.publish(hedyPush("course-2", content("Chemistry", start)));
        awaitInGraph("course-2", e -> assertThat(e.getCategories()).isEmpty());
    }

    @Test
    void pushCategoriesThatAreNotAListOfStringsAreDeadLettered() {
        Instant start = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (String categories : List.of("\"Science\"", "[1, 2]", "[\"Science\", null]")) {
            String externalId = "x-categories-" + categories.hashCode();
            ProducerRecord<String, byte[]> valid = harness.codec.encodeRecord(
                    hedyPush(externalId, content("Biology", start)), UUID.randomUUID(), Instant.now());
            ObjectNode payload = (ObjectNode) JSON.readTree(valid.value());
            ((ObjectNode) payload.get("content")).set("categories", JSON.readTree(categories));
            harness.send(new ProducerRecord<>(valid.topic(), null, valid.key(), JSON.writeValueAsBytes(payload),
                    valid.headers()));

            assertThat(awaitDeadLetter(externalId)).as(categories).isEqualTo("INVALID_FIELD");
        }
    }

    @Test
    void pushesThatCannotBeAppliedAreDeadLetteredWithTheirReason() throws Exception {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        harness.connect("grace");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mailboxes WHERE mailbox_id = ?", Long.class, id("grace")) == 1);

        harness.publish(push("x-out-of-scope", "grace", Operation.UPSERT, content("Denied", start)));
        harness.publish(new CalendarEventPushRequested(TENANT, "u-nobody", null, "x-not-connected", Operation.UPSERT,
                content("Nobody", start), Instant.now(), null));
        harness.publish(new CalendarEventPushRequested("99999999-0000-0000-0000-000000000000", id("frank"), null,
                "x-unknown-tenant", Operation.UPSERT, content("Unknown", start), Instant.now(), null));

        assertThat(awaitDeadLetter("x-out-of-scope")).isEqualTo("MAILBOX_OUT_OF_SCOPE");
        assertThat(awaitDeadLetter("x-not-connected")).isEqualTo("MAILBOX_NOT_CONNECTED");
        assertThat(awaitDeadLetter("x-unknown-tenant")).isEqualTo(DeadLetterHeaders.UNKNOWN_TENANT);
    }

    @Test
    void aPoisonMessageOnEveryInputTopicIsDeadLettered() {
        String key = TENANT + "/u-poison";
        harness.sendPoison(Topics.ACCOUNTS, key, EventTypes.of(AccountConnected.class).ceType());
        harness.sendPoison(Topics.PUSHES, key, EventTypes.of(CalendarEventPushRequested.class).ceType());
        harness.sendPoison(Topics.NOTIFICATIONS, key, OutboxNotificationQueue.CHANGED);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SyncHarness.readAll(deadLetters, deadLettered);
            for (String topic : List.of(Topics.ACCOUNTS, Topics.PUSHES, Topics.NOTIFICATIONS)) {
                assertThat(deadLettered).filteredOn(r -> r.topic().equals(Topics.dlq(topic, "sync-service")) && key.equals(r.key()))
                        .singleElement()
                        .satisfies(r -> assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.MALFORMED_JSON));
            }
        });
    }

    private String awaitDeadLetter(String externalId) {
        String[] reason = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SyncHarness.readAll(deadLetters, deadLettered);
            ConsumerRecord<String, byte[]> r = deadLettered.stream()
                    .filter(d -> new String(d.value(), StandardCharsets.UTF_8).contains("\"" + externalId + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + externalId));
            reason[0] = header(r, DeadLetterHeaders.REASON);
        });
        return reason[0];
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private int taggedEventsInGraph(String externalId) {
        return taggedEventsInGraph("frank", externalId).size();
    }

    private List<Event> taggedEventsInGraph(String user, String externalId) {
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + CalbridgeTag.PROPERTY_ID
                + "' and ep/value eq 'push:" + externalId + "')";
        var page = graphs.forTenant(TENANT).call(new GraphTarget.Mailbox(id(user)), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(id(user)).events().get(rc -> rc.queryParameters.filter = filter)).join();
        return page.getValue();
    }

    /** Waits until hedy's calendar holds exactly one event pushed as {@code externalId} and it satisfies {@code check}. */
    private void awaitInGraph(String externalId, ThrowingConsumer<Event> check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(taggedEventsInGraph("hedy", externalId)).singleElement().satisfies(check));
    }

    private static CalendarEventChanged awaitChange(String user, java.util.function.Predicate<CalendarEventChanged> match) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.changesOf(user)).anyMatch(match));
        return harness.changesOf(user).stream().filter(match).findFirst().orElseThrow();
    }

    private static Content content(String subject, Instant start) {
        return new Content(subject, "Room 101", start, start.plus(90, ChronoUnit.MINUTES), false, "Europe/Amsterdam",
                ShowAs.BUSY, null, List.of());
    }

    private static Content content(String subject, Instant start, List<String> categories) {
        return new Content(subject, "Room 101", start, start.plus(90, ChronoUnit.MINUTES), false, "Europe/Amsterdam",
                ShowAs.BUSY, null, List.of(), categories);
    }

    /** An upsert for hedy, each one later than the last so none is ignored as stale. */
    private static CalendarEventPushRequested hedyPush(String externalId, Content content) {
        return new CalendarEventPushRequested(TENANT, id("hedy"), SyncHarness.address("hedy"), externalId,
                Operation.UPSERT, content, Instant.now(), null);
    }

    private static CalendarEventPushRequested push(String externalId, Operation operation, Content content, Instant at) {
        return new CalendarEventPushRequested(TENANT, id("frank"), SyncHarness.address("frank"), externalId, operation,
                content, at, "corr-" + externalId);
    }

    private static CalendarEventPushRequested push(String externalId, String user, Operation operation, Content content) {
        return new CalendarEventPushRequested(TENANT, id(user), SyncHarness.address(user), externalId, operation, content,
                Instant.now(), null);
    }
}
