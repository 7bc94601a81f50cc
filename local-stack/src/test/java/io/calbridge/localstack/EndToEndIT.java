package io.calbridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.Topics;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system, end to end: the broker, the database, the seeded emulator and each service as its own process,
 * exactly as {@code ./run-local} runs them. The demo's flows must all pass; then faults are injected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static Stack stack;
    private static EventWatch events;

    @BeforeAll
    static void startCalbridge() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        // The services' jars come from the checkout; -Dcalbridge.e2e.repository points elsewhere (a copy taken while
        // others keep building, say).
        Path repository = Path.of(System.getProperty("calbridge.e2e.repository", module.getParent().toString()));
        // A sync run claims its mailbox for sync.worker.lease (10 min by default) and a restarted instance is a new
        // owner, so a crash leaves the mailboxes it was syncing to wait for their leases to end: delayed, not lost, but
        // longer than this test waits. Runs here take well under a second, so half a minute is ample.
        stack = Stack.start(StackSettings.forTests(module.resolve("target/e2e-home"), repository)
                .withServiceEnvironment("sync-service", Map.of("SYNC_WORKER_LEASE", "PT30S"))
                // Room-booking settles the bookings a killed instance left PENDING once they are roombooking.recovery
                // .pending-after old (2 min by default, checked every 30 s); a Graph write here takes well under a second.
                .withServiceEnvironment("room-booking-service", Map.of("ROOMBOOKING_RECOVERY_PENDINGAFTER", "PT10S",
                        "ROOMBOOKING_RECOVERY_INTERVAL", "PT2S")));
        events = new EventWatch(stack.infrastructure.kafkaBootstrap());
    }

    @AfterAll
    static void stopCalbridge() {
        if (events != null) {
            events.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theMissionWorksEndToEnd() {
        List<DemoScenario.Outcome> outcomes = new DemoScenario(stack.emulator, events, stack.serviceUrls(), stack.secrets).run();

        assertThat(outcomes).hasSize(7).allSatisfy(outcome -> assertThat(outcome.passed())
                .as("%s: %s", outcome.step(), outcome.detail()).isTrue());
    }

    @Test
    @Order(2)
    void everyServiceServesItsOwnMetricsAndTheyReflectTheMission() throws Exception {
        // Right after the demo, before any fault test restarts a service (and its counters with it).
        String provisioning = stack.serviceUrls().get("provisioning-service");
        String sync = stack.serviceUrls().get("sync-service");
        String roomBooking = stack.serviceUrls().get("room-booking-service");
        String tenant = "tenant=\"" + DemoTenant.TENANT_ID + "\"";
        // the enrollment gauge is read from the database every 30 s: the demo's new hires and rooms are CONNECTED
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(prometheus(provisioning, "calbridge_enrollment_state",
                "state=\"CONNECTED\"")).as("connected mailboxes").isGreaterThanOrEqualTo(12 + DemoTenant.NEW_HIRES.size() - 1));
        assertThat(prometheus(provisioning, "calbridge_enrollment_state", tenant)).as("the demo tenant's series").isPositive();
        assertThat(prometheus(provisioning, "calbridge_enrollment_lag_seconds_count", "kind=\"PERSON\""))
                .as("onboarding-to-connected lags of the new hires").isGreaterThanOrEqualTo(DemoTenant.NEW_HIRES.size());
        assertThat(prometheus(provisioning, "calbridge_enrollment_lag_seconds_count", "kind=\"ROOM\""))
                .as("discovery-to-connected lags of the rooms").isGreaterThanOrEqualTo(12);
        // sync: a lag per connected mailbox, subscriptions by health, and the latency of the Outlook edit's notification
        String connectedHire = DemoTenant.userId(DemoTenant.NEW_HIRES.getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metricsOf(sync)).containsPattern("(?m)^calbridge_sync_lag_seconds\\{[^}]*mailbox=\"" + connectedHire + "\"");
            assertThat(prometheus(sync, "calbridge_sync_subscriptions", "state=\"ACTIVE\"")).as("healthy subscriptions")
                    .isGreaterThanOrEqualTo(12 + DemoTenant.NEW_HIRES.size() - 1);
        });
        assertThat(metricsOf(sync)).containsPattern("(?m)^calbridge_sync_subscriptions\\{[^}]*state=\"NONE\"");
        assertThat(prometheus(sync, "calbridge_sync_notification_latency_seconds_count", "")).as("notification-to-event latencies")
                .isPositive();
        // room-booking: the demo's booking, and the clashing request it refused
        assertThat(prometheus(roomBooking, "calbridge_bookings_total", "outcome=\"BOOKED\"")).as("bookings").isGreaterThanOrEqualTo(1);
        assertThat(prometheus(roomBooking, "calbridge_booking_conflicts_total", tenant)).as("conflicts").isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void aPoisonMessageOnEveryInputTopicIsDeadLetteredWithItsReason() throws Exception {
        Map<String, List<String>> consumers = Map.of(
                Topics.DIRECTORY_USERS, List.of("provisioning-service"),
                Topics.ACCOUNTS, List.of("sync-service", "room-booking-service"),
                Topics.TENANTS, List.of("sync-service", "room-booking-service"),
                Topics.PUSHES, List.of("sync-service"),
                Topics.CALENDAR_EVENTS, List.of("room-booking-service"));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure.kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : consumers.keySet()) {
                var record = new ProducerRecord<String, byte[]>(topic, DemoTenant.TENANT_ID + "/poison", "{not json".getBytes());
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes())
                        .add("ce_type", "io.calbridge.directory.UserOnboarded.v1".getBytes())
                        .add("ce_specversion", "1.0".getBytes()).add("ce_source", "/e2e".getBytes())
                        .add("ce_time", Instant.now().toString().getBytes())
                        .add("ce_subject", (DemoTenant.TENANT_ID + "/poison").getBytes())
                        .add("content-type", "application/json".getBytes());
                producer.send(record).get();
            }
        }

        List<String> deadLetterTopics = new ArrayList<>();
        consumers.forEach((topic, groups) -> groups.forEach(group -> deadLetterTopics.add(Topics.dlq(topic, group))));
        Map<String, String> reasons = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", "allow.auto.create.topics", "true"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(deadLetterTopics);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var reason = record.headers().lastHeader("dlq_reason");
                    if (record.key() != null && record.key().endsWith("/poison") && reason != null) {
                        reasons.put(record.topic(), new String(reason.value()));
                    }
                }
                return reasons.keySet().containsAll(deadLetterTopics);
            });
        }

        assertThat(reasons).containsOnlyKeys(deadLetterTopics);
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isIn("MALFORMED_JSON", "TOPIC_MISMATCH"));
    }

    @Test
    @Order(4)
    void provisioningKilledMidEnrollmentLosesAndDuplicatesNothing() throws Exception {
        List<String> joiners = new ArrayList<>();
        for (int i = 160; i < 170; i++) {
            joiners.add(DemoTenant.peopleAliases().get(i));
        }
        for (String alias : joiners) {
            events.publish(new UserOnboarded(DemoTenant.TENANT_ID, DemoTenant.userId(alias), DemoTenant.mail(alias),
                    DemoTenant.mail(alias), null, "Sales", DirectorySource.HR_SYSTEM, Instant.now(), "e2e-" + alias));
        }

        stack.kill("provisioning-service");
        stack.restart("provisioning-service");

        for (String alias : joiners) {
            String userId = DemoTenant.userId(alias);
            events.await(AccountConnected.class, e -> e.mailboxId().equals(userId), Duration.ofSeconds(120), "AccountConnected " + alias);
        }
        for (String alias : joiners) {
            String userId = DemoTenant.userId(alias);
            assertThat(events.distinct(MailboxEnrolled.class, e -> e.userId().equals(userId))).as(alias).isEqualTo(1);
            assertThat(events.distinct(AccountConnected.class, e -> e.mailboxId().equals(userId))).as(alias).isEqualTo(1);
        }
    }

    @Test
    @Order(5)
    void syncKilledMidSyncLosesAndDuplicatesNothing() throws Exception {
        Api control = new Api(stack.emulator.controlUrl(), null);
        List<String> mailboxes = new ArrayList<>(DemoTenant.NEW_HIRES.subList(0, DemoTenant.NEW_HIRES.size() - 1));
        mailboxes.addAll(DemoTenant.peopleAliases().subList(160, 170));
        String prefix = "e2e-sync-kill ";
        Instant morning = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC);
        Map<String, String> lastSubjects = new java.util.LinkedHashMap<>();
        Map<String, List<String>> eventsOf = new HashMap<>();
        // given: a burst of edits "in Outlook", three new meetings in each of a dozen mailboxes
        for (int round = 0; round < 3; round++) {
            for (String alias : mailboxes) {
                String subject = prefix + alias + " #" + round;
                String id = outlookCreate(control, alias, subject, morning.plus(Duration.ofHours(round)));
                lastSubjects.put(id, subject);
                eventsOf.computeIfAbsent(alias, a -> new ArrayList<>()).add(id);
            }
        }
        java.util.function.Predicate<CalendarEventChanged> burst = e -> e.snapshot() != null && e.snapshot().subject() != null
                && e.snapshot().subject().startsWith(prefix);
        await().atMost(Duration.ofSeconds(60)).until(() -> events.matching(CalendarEventChanged.class, burst).size() >= 3);

        // when: sync dies while it reports the burst, Outlook goes on changing while it is down, and once it is back
        stack.kill("sync-service");
        int reportedBeforeTheKill = events.matching(CalendarEventChanged.class, burst).size();
        for (String alias : mailboxes) {
            String subject = prefix + alias + " #3";
            lastSubjects.put(outlookCreate(control, alias, subject, morning.plus(Duration.ofHours(3))), subject);
            String renamed = eventsOf.get(alias).getFirst();
            lastSubjects.put(renamed, outlookRename(control, alias, renamed, prefix + alias + " #0 (renamed while sync was down)"));
        }
        stack.restart("sync-service");
        for (String alias : mailboxes) {
            String renamed = eventsOf.get(alias).get(1);
            lastSubjects.put(renamed, outlookRename(control, alias, renamed, prefix + alias + " #1 (renamed after the restart)"));
        }

        // then: every meeting's last state reaches sync.calendar-events ...
        for (var last : lastSubjects.entrySet()) {
            events.await(CalendarEventChanged.class, e -> e.eventId().equals(last.getKey()) && e.snapshot() != null
                    && last.getValue().equals(e.snapshot().subject()), Duration.ofSeconds(150), "CalendarEventChanged \"" + last.getValue()
                    + "\" (" + reportedBeforeTheKill + " of the burst were reported before the kill)");
        }
        // ... and no version twice. The outbox relays at least once, so a record sent again after the crash arrives as
        // an equal copy (same payload, same ce_id) that consumers drop; EventWatch.matching lists such copies once.
        // A duplicate is sync reporting one version of an event (its id and changeKey) in two different events, e.g.
        // because the restarted instance re-read delta pages the killed one had already applied.
        Map<String, List<CalendarEventChanged>> byVersion = new HashMap<>();
        for (CalendarEventChanged changed : events.matching(CalendarEventChanged.class, burst)) {
            byVersion.computeIfAbsent(changed.eventId() + " " + changed.snapshot().changeKey(), v -> new ArrayList<>()).add(changed);
        }
        assertThat(byVersion.keySet().stream().map(version -> version.substring(0, version.indexOf(' '))).distinct())
                .as("meetings reported").containsExactlyInAnyOrderElementsOf(lastSubjects.keySet());
        assertThat(byVersion.values()).as("versions reported more than once").allSatisfy(reports -> assertThat(reports).hasSize(1));
    }

    @Test
    @Order(6)
    void aWebhookWithTheWrongClientStateIsRejectedAndCounted() throws Exception {
        String subscriptionId = anySubscriptionId();
        String body = JSON.writeValueAsString(Map.of("value", List.of(Map.of(
                "subscriptionId", subscriptionId, "clientState", "guessed-wrong", "changeType", "updated",
                "resource", "Users/x/Events/y", "resourceData", Map.of("id", "y")))));
        String sync = stack.serviceUrls().get("sync-service");

        var response = HTTP.send(HttpRequest.newBuilder(URI.create(sync + "/webhooks/graph/notifications"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("a delivery whose every notification has the wrong clientState").isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var metric = HTTP.send(HttpRequest.newBuilder(URI.create(sync
                    + "/actuator/metrics/sync.webhook.notifications?tag=" + URLEncoder.encode("outcome:client_state_mismatch", StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metric.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(metric.body()).path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        });
    }

    @Test
    @Order(7)
    void aStormOf503sAnd429sDelaysWorkButLosesNothing() throws Exception {
        Api control = new Api(stack.emulator.controlUrl(), null);
        control.post("/counters/reset", Map.of());
        assertThat(control.post("/faults", Map.of("pathPattern", ".*administrativeUnits.*", "status", 503, "times", 6)).ok()).isTrue();
        assertThat(control.post("/faults", Map.of("pathPattern", ".*calendarView.*", "status", 429, "code", "ApplicationThrottled",
                "times", 8)).ok()).isTrue();
        List<String> joiners = DemoTenant.peopleAliases().subList(170, 175);

        for (String alias : joiners) {
            events.publish(new UserOnboarded(DemoTenant.TENANT_ID, DemoTenant.userId(alias), DemoTenant.mail(alias),
                    DemoTenant.mail(alias), null, "Operations", DirectorySource.HR_SYSTEM, Instant.now(), "e2e-storm-" + alias));
        }

        for (String alias : joiners) {
            String userId = DemoTenant.userId(alias);
            events.await(AccountConnected.class, e -> e.mailboxId().equals(userId), Duration.ofSeconds(120), "AccountConnected " + alias);
        }
        // Provisioning got through the 503s; sync then meets the 429s on the joiners' first delta and still finishes it.
        Api sync = new Api(stack.serviceUrls().get("sync-service"), stack.secrets.operatorKey());
        for (String alias : joiners) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                Api.Reply status = sync.get("/api/tenants/" + DemoTenant.TENANT_ID + "/mailboxes/" + DemoTenant.userId(alias));
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.body().path("lastSyncedAt").isNull()).as("%s synced", alias).isFalse();
                assertThat(status.body().path("baselineInProgress").asBoolean()).isFalse();
            });
        }
        JsonNode counters = control.get("/counters").body();
        assertThat(counters.path("byStatus").path("503").asInt()).as("503s served").isPositive();
        assertThat(counters.path("byStatus").path("429").asInt()).as("429s served").isPositive();
        // and the services' metrics show them: provisioning's 503s (alone or as $batch steps), sync's 429s and its waits
        String provisioning = stack.serviceUrls().get("provisioning-service");
        assertThat(prometheus(provisioning, "calbridge_graph_requests_total", "status=\"503\"")
                + prometheus(provisioning, "calbridge_graph_batch_steps_total", "status=\"503\"")).isPositive();
        String syncUrl = stack.serviceUrls().get("sync-service");
        assertThat(prometheus(syncUrl, "calbridge_graph_requests_total", "status=\"429\"")
                + prometheus(syncUrl, "calbridge_graph_batch_steps_total", "status=\"429\"")).isPositive();
        assertThat(prometheus(syncUrl, "calbridge_graph_throttled_wait_seconds_count", "reason=\"retry-after\"")).isPositive();
        control.send("DELETE", "/faults");
    }

    @Test
    @Order(8)
    void oneTenantsExpiredCredentialLeavesTheOthersWorking() throws Exception {
        String fabrikam = "5b0e2c7d-1a3f-4c6e-8d9b-0f2a4c6e8a1b";
        String fabrikamApp = "e1d2c3b4-a5f6-4708-9a1b-2c3d4e5f6a7b";
        stack.emulator.seed(JSON.writeValueAsString(Map.of("tenants", List.of(Map.of("id", fabrikam, "domain", "fabrikam.example",
                "apps", List.of(Map.of("clientId", fabrikamApp, "displayName", "Calbridge (Fabrikam)", "adminConsent", true,
                        "roles", List.of("User.Read.All", "Calendars.ReadWrite"),
                        "secrets", List.of(Map.of("value", "fabrikam-old-secret", "expires", "2020-01-01T00:00:00Z")))),
                "users", List.of(Map.of("id", "u-fab", "userPrincipalName", "someone@fabrikam.example")))))));
        Api provisioning = new Api(stack.serviceUrls().get("provisioning-service"), stack.secrets.operatorKey());
        Api.Reply registered = provisioning.post("/api/tenants", Map.of("tenantId", fabrikam, "displayName", "Fabrikam",
                "clientId", fabrikamApp, "authorityHost", stack.emulator.authorityHost(), "graphBaseUrl", stack.emulator.graphBaseUrl(),
                "authorityTrustPem", java.nio.file.Files.readString(stack.emulator.certificatePem()),
                "credential", Map.of("kind", "CLIENT_SECRET", "secret", "fabrikam-old-secret",
                        "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()),
                "policy", Map.of("strategy", "TENANT_WIDE")));
        assertThat(registered.ok()).as(registered.problem()).isTrue();

        Api.Reply expired = provisioning.post("/api/tenants/" + fabrikam + "/connection-test", Map.of());
        Api.Reply healthy = provisioning.post("/api/tenants/" + DemoTenant.TENANT_ID + "/connection-test", Map.of());

        assertThat(expired.body().path("overall").asString()).isEqualTo("FAIL");
        assertThat(expired.body().toString()).contains("AADSTS7000222");
        assertThat(healthy.body().path("checks").toString()).contains("\"name\"");
        assertThat(healthy.body().path("checks").findValuesAsString("verdict")).doesNotContain("FAIL");
        var health = HTTP.send(HttpRequest.newBuilder(URI.create(stack.serviceUrls().get("provisioning-service")
                + "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void everyServiceRecoversWithoutInterventionFromTwentySecondsWithoutTheBroker() throws Exception {
        Api roomBooking = new Api(stack.serviceUrls().get("room-booking-service"), stack.secrets.tenantKey());
        List<String> before = DemoTenant.peopleAliases().subList(176, 180);
        List<String> during = DemoTenant.peopleAliases().subList(180, 183);
        List<String> after = DemoTenant.peopleAliases().subList(183, 186);
        Instant inTwoDays = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).atTime(16, 0).toInstant(java.time.ZoneOffset.UTC);
        List<String> bookingIds = new ArrayList<>();
        // given: enrollments in flight when the broker goes away
        for (String alias : before) {
            events.publish(onboarded(alias, "e2e-outage-before-"));
        }
        stack.infrastructure.stopBroker();
        Instant down = Instant.now();

        // when: during the outage HR keeps publishing (its producer holds the events and retries), a room is booked
        // through the API, and readiness reports the broker missing
        List<java.util.concurrent.Future<?>> held = new ArrayList<>();
        for (String alias : during) {
            held.add(events.publishWithoutWaiting(onboarded(alias, "e2e-outage-during-")));
        }
        bookingIds.add(book(roomBooking, 5, inTwoDays, "e2e-outage-during"));
        for (ServiceProcess service : stack.services()) {
            await().atMost(OUTAGE).until(() -> readiness(service) == 503);
        }
        await().atMost(OUTAGE.plusSeconds(5)).until(() -> Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0);
        stack.infrastructure.startBroker();
        for (var event : held) {
            event.get(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        for (ServiceProcess service : stack.services()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> readiness(service) == 200);
        }
        for (String alias : after) {
            events.publish(onboarded(alias, "e2e-outage-after-"));
        }
        bookingIds.add(book(roomBooking, 6, inTwoDays.plus(Duration.ofHours(1)), "e2e-outage-after"));

        // then: every flow completes, once
        List<String> joiners = new ArrayList<>(before);
        joiners.addAll(during);
        joiners.addAll(after);
        for (String alias : joiners) {
            String userId = DemoTenant.userId(alias);
            events.await(AccountConnected.class, e -> e.mailboxId().equals(userId), Duration.ofSeconds(150), "AccountConnected " + alias);
        }
        for (String bookingId : bookingIds) {
            events.await(RoomBooked.class, e -> e.bookingId().toString().equals(bookingId), Duration.ofSeconds(60), "RoomBooked " + bookingId);
        }
        for (String alias : joiners) {
            String userId = DemoTenant.userId(alias);
            assertThat(events.distinct(MailboxEnrolled.class, e -> e.userId().equals(userId))).as(alias).isEqualTo(1);
            assertThat(events.distinct(AccountConnected.class, e -> e.mailboxId().equals(userId))).as(alias).isEqualTo(1);
        }
        for (String bookingId : bookingIds) {
            assertThat(events.distinct(RoomBooked.class, e -> e.bookingId().toString().equals(bookingId))).as(bookingId).isEqualTo(1);
        }
    }

    @Test
    @Order(10)
    void everyServiceServesTheSharedMetricsAndLogsTraceIdsButNoSecrets() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String alias = DemoTenant.peopleAliases().get(186);
        String userId = DemoTenant.userId(alias);

        events.publish(onboarded(alias, "e2e-traced-"), "00-" + traceId + "-00f067aa0ba902b7-01");
        AccountConnected connected = events.await(AccountConnected.class, e -> e.mailboxId().equals(userId), Duration.ofSeconds(90),
                "AccountConnected " + alias);

        for (ServiceProcess service : stack.services()) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).as(service.name())
                    .containsPattern("calbridge_graph_requests_total\\{[^}]*status=\"200\"")
                    .contains("calbridge_graph_throttled_wait_seconds_count{")
                    .contains("calbridge_consumer_dead_letters_total{")
                    .contains("calbridge_outbox_backlog");
        }
        // the HR system's trace continues into provisioning's handling; the trace of the AccountConnected record, which
        // the outbox put in its headers, continues into sync's handling of it
        String connectedTrace = events.traceIdOf(connected).orElseThrow(() -> new AssertionError("AccountConnected without traceparent"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(logOf("provisioning-service")).containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\] .*" + userId);
            assertThat(logOf("sync-service")).containsPattern("\\[" + connectedTrace + "-[0-9a-f]{16}\\] .*" + userId + " \\(USER\\) connected");
        });
        List<String> secrets = List.of(DemoTenant.CLIENT_SECRET, "fabrikam-old-secret", stack.secrets.operatorKey(),
                stack.secrets.tenantKey(), stack.secrets.encryptionKey());
        for (ServiceProcess service : stack.services()) {
            String log = logOf(service.name());
            assertThat(secrets).as("secrets in %s", service.logFile()).noneMatch(log::contains);
            assertThat(log).as("tokens in %s", service.logFile())
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.")
                    .doesNotContainPattern("(?i)bearer\\s+[A-Za-z0-9._~+/-]{16,}");
        }
    }

    /** Creates a one-hour meeting in the person's calendar as they would in Outlook; returns its id. */
    private static String outlookCreate(Api control, String alias, String subject, Instant start) throws Exception {
        Api.Reply created = control.post("/outlook/users/" + DemoTenant.mail(alias) + "/events", Map.of("subject", subject,
                "start", Map.of("dateTime", start.toString().replace("Z", ""), "timeZone", "UTC"),
                "end", Map.of("dateTime", start.plus(Duration.ofHours(1)).toString().replace("Z", ""), "timeZone", "UTC")));
        assertThat(created.status()).as("Outlook create in %s: %s", alias, created.problem()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    /** Renames a meeting as its owner would in Outlook; returns the new subject. */
    private static String outlookRename(Api control, String alias, String eventId, String subject) throws Exception {
        Api.Reply renamed = control.patch("/outlook/users/" + DemoTenant.mail(alias) + "/events/" + eventId, Map.of("subject", subject));
        assertThat(renamed.ok()).as("Outlook rename in %s: %s", alias, renamed.problem()).isTrue();
        return subject;
    }

    @Test
    @Order(11)
    void roomBookingKilledWithBookingsInFlightBooksEachOnceAndLeavesNoPhantom() throws Exception {
        Api roomBooking = new Api(stack.serviceUrls().get("room-booking-service"), stack.secrets.tenantKey());
        Instant day = LocalDate.now(ZoneOffset.UTC).plusDays(4).atTime(9, 0).toInstant(ZoneOffset.UTC);
        Map<String, Integer> roomOf = new LinkedHashMap<>();
        Map<String, Instant> startOf = new HashMap<>();
        for (int room = 7; room <= 12; room++) {
            for (int hour = 0; hour < 2; hour++) {
                String key = "e2e-rb-kill-" + room + "-" + hour;
                roomOf.put(key, room);
                startOf.put(key, day.plus(Duration.ofHours(1 + 2L * hour)));
            }
        }
        // given: a dozen bookings sent at once, as separate clients would
        Map<String, CompletableFuture<Api.Reply>> firstTries = new LinkedHashMap<>();
        for (String key : roomOf.keySet()) {
            firstTries.put(key, CompletableFuture.supplyAsync(() -> {
                try {
                    return postBooking(roomBooking, roomOf.get(key), startOf.get(key), key, key);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, Thread.ofVirtual().name("e2e-booking")::start));
        }
        // when: room-booking dies once the first of them is answered, the rest still in flight, and comes back
        CompletableFuture.anyOf(firstTries.values().toArray(CompletableFuture[]::new)).exceptionally(failure -> null)
                .get(2, TimeUnit.MINUTES);
        stack.kill("room-booking-service");
        long answeredBeforeTheKill = firstTries.values().stream().filter(reply -> reply.isDone() && !reply.isCompletedExceptionally()).count();
        stack.restart("room-booking-service");
        // and every client without a final answer sends its request again with its Idempotency-Key, as the API asks:
        // "in progress" until the recovery settles what the killed instance left PENDING (the e2e stack runs it every
        // 2 s for bookings pending 10 s), then the original 201, or "abandoned" (nothing booked) and a new key, once
        Map<String, Api.Reply> finalAnswers = new LinkedHashMap<>();
        for (String key : roomOf.keySet()) {
            String sentWith = key;
            Api.Reply reply = firstTries.get(key).handle((answer, failure) -> answer).get(2, TimeUnit.MINUTES);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!isFinal(reply) && Instant.now().isBefore(deadline)) {
                if (reply != null && reply.body() != null && "request-abandoned".equals(reply.body().path("reason").asString(""))) {
                    assertThat(sentWith).as("%s abandoned twice", key).isEqualTo(key);
                    sentWith = key + "-again";
                } else {
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
                reply = postBooking(roomBooking, roomOf.get(key), startOf.get(key), key, sentWith);
            }
            assertThat(reply).as("answer to %s", key).isNotNull();
            assertThat(isFinal(reply)).as("booking %s (%d answered before the kill): %s", key, answeredBeforeTheKill, reply.problem())
                    .isTrue();
            finalAnswers.put(key, reply);
        }

        // then: each booking answered 201 is CONFIRMED, one RoomBooked and one event in its room's calendar; the rooms'
        // calendars hold nothing else between 09:45 and 12:59 (the seed's stand-ups end at 09:30, its planning meetings
        // start at 13:00), so no phantom, and no two events in a room overlap
        Map<Integer, List<String>> expected = new HashMap<>();
        for (var answer : finalAnswers.entrySet()) {
            if (answer.getValue().status() != 201 && answer.getValue().status() != 200) {
                continue;
            }
            String bookingId = answer.getValue().body().path("id").asString();
            assertThat(roomBooking.get("/api/tenants/" + DemoTenant.TENANT_ID + "/bookings/" + bookingId).body().path("status").asString())
                    .as(answer.getKey()).isEqualTo("CONFIRMED");
            events.await(RoomBooked.class, e -> e.bookingId().toString().equals(bookingId), Duration.ofSeconds(60),
                    "RoomBooked " + answer.getKey());
            assertThat(events.distinct(RoomBooked.class, e -> e.bookingId().toString().equals(bookingId))).as(answer.getKey()).isEqualTo(1);
            expected.computeIfAbsent(roomOf.get(answer.getKey()), room -> new ArrayList<>()).add("Booked " + answer.getKey());
        }
        assertThat(expected.values().stream().mapToInt(List::size).sum()).as("bookings made (final answers %s)",
                finalAnswers.values().stream().map(Api.Reply::status).toList()).isPositive();
        for (int room = 7; room <= 12; room++) {
            List<JsonNode> calendar = roomCalendar(DemoTenant.roomMail(room), day.plus(Duration.ofMinutes(45)),
                    day.plus(Duration.ofMinutes(3 * 60 + 59)));
            assertThat(calendar.stream().map(event -> event.path("subject").asString()).toList())
                    .as("%s's calendar on the day (%d answered before the kill)", DemoTenant.roomMail(room), answeredBeforeTheKill)
                    .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(room, List.of()));
            for (int i = 0; i < calendar.size(); i++) {
                for (int j = i + 1; j < calendar.size(); j++) {
                    assertThat(start(calendar.get(i)).isBefore(end(calendar.get(j))) && start(calendar.get(j)).isBefore(end(calendar.get(i))))
                            .as("%s: %s overlaps %s", DemoTenant.roomMail(room), calendar.get(i).path("subject").asString(),
                                    calendar.get(j).path("subject").asString())
                            .isFalse();
                }
            }
        }
    }

    /** A final answer to a booking request: made (201, or 200 for a replay) or refused for its slot (409 slot-taken). */
    private static boolean isFinal(Api.Reply reply) {
        return reply != null && (reply.status() == 200 || reply.status() == 201
                || reply.status() == 409 && reply.body() != null && reply.body().path("reason").isMissingNode());
    }

    /** Books room {@code room} for an hour from {@code start}, with the subject of {@code name}, under {@code key}. */
    private static Api.Reply postBooking(Api roomBooking, int room, Instant start, String name, String key) throws Exception {
        Map<String, Object> body = Map.of("roomEmail", DemoTenant.roomMail(room), "organizer", DemoTenant.mail(DemoTenant.NEW_HIRES.getFirst()),
                "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "subject", "Booked " + name);
        return roomBooking.post("/api/tenants/" + DemoTenant.TENANT_ID + "/bookings", body, Map.of("Idempotency-Key", key));
    }

    /** The events in a room's calendar between two instants, read from Graph as the service account. */
    private static List<JsonNode> roomCalendar(String room, Instant from, Instant to) throws Exception {
        JsonNode view = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.emulator.graphBaseUrl() + "/users/" + room
                        + "/calendarView?startDateTime=" + from + "&endDateTime=" + to + "&$top=100"))
                .header("Authorization", "Bearer " + accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> found = new ArrayList<>();
        view.path("value").forEach(found::add);
        return found;
    }

    private static Instant start(JsonNode event) {
        return graphTime(event.path("start"));
    }

    private static Instant end(JsonNode event) {
        return graphTime(event.path("end"));
    }

    /** A Graph dateTimeTimeZone (UTC, as the service account asks for it) as an instant. */
    private static Instant graphTime(JsonNode dateTimeTimeZone) {
        return java.time.LocalDateTime.parse(dateTimeTimeZone.path("dateTime").asString()).toInstant(ZoneOffset.UTC);
    }

    /** The sum of the samples of {@code metric} on a service's /actuator/prometheus whose labels include {@code label}. */
    private static double prometheus(String serviceUrl, String metric, String label) throws Exception {
        return metricsOf(serviceUrl).lines().filter(line -> line.startsWith(metric + "{") && line.substring(0, line.indexOf('}')).contains(label)
                        || line.startsWith(metric + " ") && label.isEmpty())
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String metricsOf(String serviceUrl) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String logOf(String module) throws java.io.IOException {
        return java.nio.file.Files.readString(stack.services().stream().filter(s -> s.name().equals(module)).findFirst().orElseThrow().logFile());
    }

    private static UserOnboarded onboarded(String alias, String correlationPrefix) {
        return new UserOnboarded(DemoTenant.TENANT_ID, DemoTenant.userId(alias), DemoTenant.mail(alias), DemoTenant.mail(alias), null,
                "Engineering", DirectorySource.HR_SYSTEM, Instant.now(), correlationPrefix + alias);
    }

    /** Books room {@code room} for an hour from {@code start}; returns the booking id. */
    private static String book(Api roomBooking, int room, Instant start, String idempotencyKey) throws Exception {
        Api.Reply reply = postBooking(roomBooking, room, start, idempotencyKey, idempotencyKey);
        assertThat(reply.status()).as("booking %s: %s", idempotencyKey, reply.problem()).isIn(200, 201);
        return reply.body().path("id").asString(reply.body().path("bookingId").asString(""));
    }

    private static int readiness(ServiceProcess service) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String anySubscriptionId() throws Exception {
        JsonNode subscriptions = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(stack.emulator.graphBaseUrl() + "/subscriptions"))
                .header("Authorization", "Bearer " + accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(subscriptions.path("value").size()).as("subscriptions sync created").isPositive();
        return subscriptions.path("value").get(0).path("id").asString();
    }

    /** An app-only Graph token of the demo tenant's service account, from the emulator's Entra endpoint. */
    private static String accessToken() throws Exception {
        var tls = HttpClient.newBuilder().sslContext(stack.emulator.clientSslContext()).build();
        String form = "grant_type=client_credentials&client_id=" + DemoTenant.CLIENT_ID + "&client_secret="
                + DemoTenant.CLIENT_SECRET + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        var token = tls.send(HttpRequest.newBuilder(URI.create(stack.emulator.authorityHost() + "/" + DemoTenant.TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).path("access_token").asString();
    }
}
