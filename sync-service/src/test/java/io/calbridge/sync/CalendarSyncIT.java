package io.calbridge.sync;

import static io.calbridge.sync.SyncHarness.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.common.events.calendar.Recurrence;
import io.calbridge.common.events.calendar.ResponseStatus;
import io.calbridge.common.events.calendar.ShowAs;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Calendar sync end to end: provisioning's events on Kafka, the emulator over HTTP (Graph, Entra, change
 * notifications to our webhook), and {@code CalendarEventChanged} read back from Kafka.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CalendarSyncIT {

    static SyncHarness harness;

    @BeforeAll
    static void startEmulator() {
        harness = new SyncHarness(EmulatorOptions.defaults(), List.of("alice", "bob", "carol", "dave", "erin", "hank", "ivy", "jack", "kate", "liam", "mona", "nina"));
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> SyncHarness.KEY);
        registry.add("sync.worker.poll-interval", () -> "PT0.1S");
        registry.add("sync.sweep-interval", () -> "PT5S");
        registry.add("sync.metrics.refresh-interval", () -> "PT0.5S");
        registry.add("calbridge.security.api-keys",
                () -> io.calbridge.service.security.ApiKeys.entryFor("it", SyncHarness.TENANT, "it-key"));
    }

    @Autowired
    TenantRegistry tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;
    @LocalServerPort
    int port;

    private static boolean ready;

    @BeforeEach
    void configureTenantOnce() throws Exception {
        if (!ready) {
            tenants.apply(harness.tenantConfigured());
            harness.connectKafka(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
            ready = true;
        }
    }

    @Test
    void initialSyncReportsEverySeededEventWithItsSnapshot() {
        harness.connect("alice");

        List<CalendarEventChanged> changes = awaitChanges("alice", 4);

        assertThat(changes).extracting(CalendarEventChanged::change).containsOnly(ChangeType.CREATED);
        CalendarEventChanged review = changes.stream().filter(c -> "Design review".equals(c.snapshot().subject())).findFirst().orElseThrow();
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        assertThat(review.tenantId()).isEqualTo(SyncHarness.TENANT);
        assertThat(review.mailboxAddress()).isEqualTo(SyncHarness.address("alice"));
        assertThat(review.snapshot().start()).isEqualTo(tomorrow.atTime(10, 0).toInstant(ZoneOffset.UTC));
        assertThat(review.snapshot().end()).isEqualTo(tomorrow.atTime(11, 0).toInstant(ZoneOffset.UTC));
        assertThat(review.snapshot().showAs()).isEqualTo(ShowAs.BUSY);
        assertThat(review.snapshot().ownResponse()).isEqualTo(ResponseStatus.ORGANIZER);
        assertThat(review.snapshot().organizer().address()).isEqualTo(SyncHarness.address("alice"));
        assertThat(review.snapshot().attendees()).singleElement().satisfies(a -> {
            assertThat(a.participant().address()).isEqualTo("guest@" + SyncHarness.DOMAIN);
            assertThat(a.response()).isEqualTo(ResponseStatus.NONE);
        });
        assertThat(review.snapshot().location().displayName()).isEqualTo("Room 1");
        assertThat(review.snapshot().location().address()).isEqualTo("room-1@" + SyncHarness.DOMAIN);
        assertThat(review.snapshot().recurrence()).isEqualTo(Recurrence.SINGLE);
        assertThat(review.snapshot().iCalUId()).isNotBlank();
        assertThat(review.snapshot().changeKey()).isNotBlank();
        assertThat(review.snapshot().calbridgeTag()).isNull();

        List<CalendarEventChanged> standups = changes.stream().filter(c -> "Standup".equals(c.snapshot().subject())).toList();
        assertThat(standups).hasSize(3).allSatisfy(c -> {
            assertThat(c.snapshot().recurrence().type()).isEqualTo(Recurrence.Type.OCCURRENCE);
            assertThat(c.snapshot().recurrence().originalStart()).isEqualTo(c.snapshot().start());
        });
        assertThat(standups).extracting(c -> c.snapshot().recurrence().seriesMasterId()).containsOnly(
                standups.getFirst().snapshot().recurrence().seriesMasterId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT health FROM subscriptions WHERE mailbox_id = ?", String.class, id("alice"))).isEqualTo("ACTIVE"));
        assertThat(jdbc.queryForObject("SELECT delta_link FROM mailboxes WHERE mailbox_id = ?", String.class, id("alice")))
                .contains("$deltatoken=");
    }

    @Test
    void anEditInOutlookReachesTheWebhookAndIsReportedOnce() throws Exception {
        harness.connect("bob");
        CalendarEventChanged review = awaitChanges("bob", 4).stream()
                .filter(c -> "Design review".equals(c.snapshot().subject())).findFirst().orElseThrow();
        awaitSubscription("bob");

        double acceptedBefore = webhookCount("accepted");

        harness.control("PATCH", "/outlook/users/" + id("bob") + "/events/" + review.eventId(),
                "{\"subject\":\"Design review (moved)\",\"showAs\":\"tentative\"}");

        List<CalendarEventChanged> updates = awaitChanges("bob", 5).subList(4, 5);
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(ChangeType.UPDATED);
            assertThat(u.eventId()).isEqualTo(review.eventId());
            assertThat(u.snapshot().subject()).isEqualTo("Design review (moved)");
            assertThat(u.snapshot().showAs()).isEqualTo(ShowAs.TENTATIVE);
            assertThat(u.snapshot().changeKey()).isNotEqualTo(review.snapshot().changeKey());
        });
        assertThat(webhookCount("accepted")).isGreaterThan(acceptedBefore);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(harness.changesOf("bob")).hasSize(5));

        harness.control("DELETE", "/outlook/users/" + id("bob") + "/events/" + review.eventId(), null);

        CalendarEventChanged deleted = awaitChanges("bob", 6).get(5);
        assertThat(deleted.change()).isEqualTo(ChangeType.DELETED);
        assertThat(deleted.eventId()).isEqualTo(review.eventId());
        assertThat(deleted.snapshot()).isNull();
    }

    @Test
    void anExpiredDeltaTokenRebaselinesWithoutSpuriousDeletes() throws Exception {
        harness.connect("carol");
        awaitChanges("carol", 4);
        awaitSubscription("carol");
        harness.control("POST", "/delta/expire?user=" + id("carol"), null);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        harness.control("POST", "/outlook/users/" + id("carol") + "/events", """
                {"subject":"Added after expiry","start":{"dateTime":"%1$sT14:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"%1$sT15:00:00","timeZone":"UTC"}}""".formatted(day));

        List<CalendarEventChanged> after = awaitChanges("carol", 5).subList(4, 5);
        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.change()).isEqualTo(ChangeType.CREATED);
            assertThat(c.snapshot().subject()).isEqualTo("Added after expiry");
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(harness.changesOf("carol")).hasSize(5));
        assertThat(jdbc.queryForObject("SELECT baseline_epoch FROM mailboxes WHERE mailbox_id = ?", Long.class, id("carol")))
                .isEqualTo(2L);
    }

    @Test
    void theValidationHandshakeEchoesTheDecodedTokenAsPlainText() throws Exception {
        String token = "Validation: Testing client application reachability & more";
        for (String path : List.of("/webhooks/graph/notifications", "/webhooks/graph/lifecycle")) {
            URI uri = URI.create("http://127.0.0.1:" + port + path + "?validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            for (HttpRequest request : List.of(HttpRequest.newBuilder(uri).GET().build(),
                    HttpRequest.newBuilder(uri).header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.noBody()).build())) {
                HttpResponse<String> response = harness.http.send(request, HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                assertThat(response.body()).isEqualTo(token);
            }
        }
    }

    @Test
    void aNotificationWithTheWrongClientStateIsRejectedCountedAndNotProcessed() throws Exception {
        harness.connect("dave");
        awaitChanges("dave", 4);
        String subscriptionId = awaitSubscription("dave");
        Map<String, Object> before = jdbc.queryForMap("SELECT last_synced_at FROM mailboxes WHERE mailbox_id = ?", id("dave"));
        double rejectedBefore = rejectedCount();

        HttpResponse<String> response = harness.http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks/graph/notifications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"value":[{"subscriptionId":"%s","clientState":"forged","changeType":"updated","tenantId":"%s",
                          "resource":"Users/%s/Events/x","resourceData":{"id":"x"}}]}""".formatted(subscriptionId, SyncHarness.TENANT, id("dave"))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(rejectedCount()).isEqualTo(rejectedBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_requests WHERE mailbox_id = ?", Long.class, id("dave"))).isZero();
        assertThat(jdbc.queryForMap("SELECT last_synced_at FROM mailboxes WHERE mailbox_id = ?", id("dave"))).isEqualTo(before);
    }

    @Test
    void aDisconnectedMailboxLosesItsSubscriptionAndState() throws Exception {
        harness.connect("erin");
        awaitChanges("erin", 4);
        awaitSubscription("erin");

        harness.disconnect("erin");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM mailboxes WHERE mailbox_id = ?", Long.class, id("erin"))).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM calendar_items WHERE mailbox_id = ?", Long.class, id("erin"))).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriptions WHERE mailbox_id = ?", Long.class, id("erin"))).isZero();
        });
    }

    @Test
    void editingAndDeletingOneOccurrenceOfASeriesIsReportedPrecisely() throws Exception {
        harness.connect("hank");
        List<CalendarEventChanged> initial = awaitChanges("hank", 4);
        awaitSubscription("hank");
        List<CalendarEventChanged> occurrences = initial.stream()
                .filter(c -> c.snapshot().recurrence().type() == Recurrence.Type.OCCURRENCE).toList();
        CalendarEventChanged first = occurrences.get(0);
        CalendarEventChanged second = occurrences.get(1);

        harness.control("PATCH", "/outlook/users/" + id("hank") + "/events/" + first.eventId(), "{\"subject\":\"Standup (long)\"}");

        // The edited occurrence becomes an exception of the series under the same id.
        CalendarEventChanged edit = awaitChanges("hank", 5).get(4);
        assertThat(edit.change()).isEqualTo(ChangeType.UPDATED);
        assertThat(edit.eventId()).isEqualTo(first.eventId());
        assertThat(edit.snapshot().subject()).isEqualTo("Standup (long)");
        assertThat(edit.snapshot().recurrence().type()).isEqualTo(Recurrence.Type.EXCEPTION);
        assertThat(edit.snapshot().recurrence().seriesMasterId()).isEqualTo(first.snapshot().recurrence().seriesMasterId());
        assertThat(edit.snapshot().recurrence().originalStart()).isEqualTo(first.snapshot().recurrence().originalStart());

        harness.control("DELETE", "/outlook/users/" + id("hank") + "/events/" + second.eventId(), null);

        CalendarEventChanged cancelled = awaitChanges("hank", 6).get(5);
        assertThat(cancelled.change()).isEqualTo(ChangeType.DELETED);
        assertThat(cancelled.eventId()).isEqualTo(second.eventId());
        // The master's new change key re-sends the other occurrences in the delta; their content did not change.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(harness.changesOf("hank")).hasSize(6));
    }

    @Test
    void lifecycleNotificationsRecreateAndRenewTheSubscription() throws Exception {
        harness.connect("ivy");
        awaitChanges("ivy", 4);
        String first = awaitSubscription("ivy");
        java.sql.Timestamp renewed = jdbc.queryForObject("SELECT updated_at FROM subscriptions WHERE mailbox_id = ?",
                java.sql.Timestamp.class, id("ivy"));

        harness.control("POST", "/subscriptions/" + first + "/lifecycle", "{\"lifecycleEvent\":\"reauthorizationRequired\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT updated_at FROM subscriptions WHERE mailbox_id = ? AND health = 'ACTIVE'", java.sql.Timestamp.class,
                id("ivy"))).isAfter(renewed));
        assertThat(awaitSubscription("ivy")).isEqualTo(first);

        harness.control("POST", "/subscriptions/" + first + "/lifecycle", "{\"lifecycleEvent\":\"subscriptionRemoved\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT subscription_id FROM subscriptions WHERE mailbox_id = ? AND health = 'ACTIVE' AND subscription_id <> ?",
                String.class, id("ivy"), first)).hasSize(1));
        String second = awaitSubscription("ivy");

        harness.control("PATCH", "/outlook/users/" + id("ivy") + "/events/" + harness.changesOf("ivy").get(0).eventId(),
                "{\"subject\":\"Seen through the new subscription\"}");

        awaitChanges("ivy", 5);
        assertThat(harness.changesOf("ivy").get(4).snapshot().subject()).isEqualTo("Seen through the new subscription");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void allDayEventsAcrossADstChangeAndTimeZoneEditsAreReportedInUtc() throws Exception {
        harness.connect("kate");
        CalendarEventChanged review = awaitChanges("kate", 4).stream()
                .filter(c -> "Design review".equals(c.snapshot().subject())).findFirst().orElseThrow();
        awaitSubscription("kate");
        LocalDate dstSunday = nextLastSundayOfMarch();

        harness.control("POST", "/outlook/users/" + id("kate") + "/events", """
                {"subject":"Offsite","isAllDay":true,"showAs":"oof",
                 "start":{"dateTime":"%1$sT00:00:00","timeZone":"W. Europe Standard Time"},
                 "end":{"dateTime":"%2$sT00:00:00","timeZone":"W. Europe Standard Time"}}""".formatted(dstSunday, dstSunday.plusDays(1)));

        CalendarEventChanged allDay = awaitChanges("kate", 5).get(4);
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        assertThat(allDay.snapshot().isAllDay()).isTrue();
        assertThat(allDay.snapshot().showAs()).isEqualTo(ShowAs.OUT_OF_OFFICE);
        assertThat(allDay.snapshot().start()).isEqualTo(dstSunday.atStartOfDay(berlin).toInstant());
        assertThat(allDay.snapshot().end()).isEqualTo(dstSunday.plusDays(1).atStartOfDay(berlin).toInstant());
        assertThat(Duration.between(allDay.snapshot().start(), allDay.snapshot().end())).isEqualTo(Duration.ofHours(23));

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        harness.control("PATCH", "/outlook/users/" + id("kate") + "/events/" + review.eventId(), """
                {"start":{"dateTime":"%1$sT10:00:00","timeZone":"Pacific Standard Time"},
                 "end":{"dateTime":"%1$sT11:00:00","timeZone":"Pacific Standard Time"}}""".formatted(day));

        CalendarEventChanged moved = awaitChanges("kate", 6).get(5);
        java.time.ZoneId pacific = java.time.ZoneId.of("America/Los_Angeles");
        assertThat(moved.change()).isEqualTo(ChangeType.UPDATED);
        assertThat(moved.snapshot().start()).isEqualTo(day.atTime(10, 0).atZone(pacific).toInstant());
        assertThat(moved.snapshot().end()).isEqualTo(day.atTime(11, 0).atZone(pacific).toInstant());
    }

    private static LocalDate nextLastSundayOfMarch() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int year = today.getYear(); ; year++) {
            LocalDate d = LocalDate.of(year, 3, 31).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY));
            if (d.isAfter(today)) {
                return d;
            }
        }
    }

    @Test
    void theStatusApiShowsSyncAndSubscriptionHealthToTheTenantOnly() throws Exception {
        harness.connect("liam");
        awaitChanges("liam", 4);
        awaitSubscription("liam");
        String base = "http://127.0.0.1:" + port + "/api/tenants/" + SyncHarness.TENANT + "/mailboxes";

        HttpResponse<String> one = get(base + "/" + id("liam"), "it-key");
        HttpResponse<String> missing = get(base + "/u-nobody", "it-key");
        HttpResponse<String> anonymous = get(base, null);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"subscriptionHealth\":\"ACTIVE\"").contains("\"address\":\"liam@");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String url, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        return harness.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDroppedNotificationIsHealedByTheSafetySweep() throws Exception {
        harness.connect("jack");
        awaitChanges("jack", 4);
        awaitSubscription("jack");
        harness.control("POST", "/faults", "{\"pathPattern\":\"Users/" + id("jack") + "/Events\",\"dropNotifications\":true}");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(4);

        harness.control("POST", "/outlook/users/" + id("jack") + "/events", """
                {"subject":"Never notified","start":{"dateTime":"%1$sT08:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"%1$sT08:30:00","timeZone":"UTC"},"isAllDay":false}""".formatted(day));

        CalendarEventChanged healed = awaitChanges("jack", 5).get(4);
        assertThat(healed.change()).isEqualTo(ChangeType.CREATED);
        assertThat(healed.snapshot().subject()).isEqualTo("Never notified");
        assertThat(harness.emulator.counters().toString()).contains("droppedByFault");
    }

    @Test
    void editThisAndFollowingEndsTheSeriesAndStartsANewOne() throws Exception {
        harness.connect("nina");
        List<CalendarEventChanged> initial = awaitChanges("nina", 4);
        awaitSubscription("nina");
        List<CalendarEventChanged> standups = initial.stream()
                .filter(c -> c.snapshot().recurrence().type() == Recurrence.Type.OCCURRENCE)
                .sorted(Comparator.comparing(c -> c.snapshot().start())).toList();
        assertThat(standups).hasSize(3);
        String masterId = standups.getFirst().snapshot().recurrence().seriesMasterId();
        LocalDate seriesStart = LocalDate.ofInstant(standups.getFirst().snapshot().start(), ZoneOffset.UTC);
        LocalDate split = seriesStart.plusWeeks(1);
        String day = seriesStart.getDayOfWeek().name().toLowerCase(Locale.ROOT);

        // What Outlook does for "this and following" from the second occurrence: the original series now ends the day
        // before it, and a new series (here at 09:30 instead of 09:00) starts on it.
        harness.control("PATCH", "/outlook/users/" + id("nina") + "/events/" + masterId, """
                {"recurrence":{"pattern":{"type":"weekly","interval":1,"daysOfWeek":["%s"],"firstDayOfWeek":"monday"},
                               "range":{"type":"endDate","startDate":"%s","endDate":"%s"}}}"""
                .formatted(day, seriesStart, split.minusDays(1)));
        harness.control("POST", "/outlook/users/" + id("nina") + "/events", """
                {"subject":"Standup (new time)","start":{"dateTime":"%1$sT09:30:00","timeZone":"UTC"},
                 "end":{"dateTime":"%1$sT09:45:00","timeZone":"UTC"},
                 "recurrence":{"pattern":{"type":"weekly","interval":1,"daysOfWeek":["%2$s"],"firstDayOfWeek":"monday"},
                               "range":{"type":"numbered","startDate":"%1$s","numberOfOccurrences":2}}}"""
                .formatted(split, day));

        List<CalendarEventChanged> after = awaitChanges("nina", 8).subList(4, 8);
        assertThat(after).filteredOn(c -> c.change() == ChangeType.DELETED).extracting(CalendarEventChanged::eventId)
                .containsExactlyInAnyOrder(standups.get(1).eventId(), standups.get(2).eventId());
        List<CalendarEventChanged> created = after.stream().filter(c -> c.change() == ChangeType.CREATED)
                .sorted(Comparator.comparing(c -> c.snapshot().start())).toList();
        assertThat(created).hasSize(2).allSatisfy(c -> {
            assertThat(c.snapshot().subject()).isEqualTo("Standup (new time)");
            assertThat(c.snapshot().recurrence().type()).isEqualTo(Recurrence.Type.OCCURRENCE);
            assertThat(c.snapshot().recurrence().seriesMasterId()).isNotEqualTo(masterId)
                    .isEqualTo(created.getFirst().snapshot().recurrence().seriesMasterId());
            assertThat(c.snapshot().recurrence().originalStart()).isEqualTo(c.snapshot().start());
        });
        assertThat(created).extracting(c -> c.snapshot().start()).containsExactly(
                split.atTime(9, 30).toInstant(ZoneOffset.UTC), split.plusWeeks(1).atTime(9, 30).toInstant(ZoneOffset.UTC));
        // The first occurrence stays as it was: nothing is reported for it.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(harness.changesOf("nina")).hasSize(8));
    }

    @Test
    void prometheusShowsLagNotificationLatencySubscriptionHealthAndRejections() throws Exception {
        harness.connect("mona");
        CalendarEventChanged review = awaitChanges("mona", 4).stream()
                .filter(c -> "Design review".equals(c.snapshot().subject())).findFirst().orElseThrow();
        awaitSubscription("mona");
        harness.control("PATCH", "/outlook/users/" + id("mona") + "/events/" + review.eventId(), "{\"subject\":\"Metrics\"}");
        awaitChanges("mona", 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Double> metrics = scrape();
            double lag = metric(metrics, "calbridge_sync_lag_seconds", "mailbox=\"" + id("mona") + "\"", "tenant=\"" + SyncHarness.TENANT + "\"");
            assertThat(lag).isBetween(0.0, 60.0);
            assertThat(metric(metrics, "calbridge_sync_notification_latency_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "calbridge_sync_notification_latency_seconds_max")).isBetween(0.0, 60.0);
            assertThat(metric(metrics, "calbridge_sync_subscriptions", "state=\"ACTIVE\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "calbridge_sync_subscriptions", "state=\"FAILING\"")).isGreaterThanOrEqualTo(0);
            assertThat(metric(metrics, "calbridge_sync_subscriptions", "state=\"REMOVED\"")).isGreaterThanOrEqualTo(0);
            assertThat(metric(metrics, "calbridge_sync_webhook_rejected_total", "reason=\"client_state_mismatch\"")).isNotNegative();
            assertThat(metric(metrics, "calbridge_sync_webhook_rejected_total", "reason=\"unknown_subscription\"")).isNotNegative();
        });
    }

    /** {@code /actuator/prometheus} as series (name with its labels) to value. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = harness.http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    /** The value of the one series called {@code name} whose labels include each of {@code labels}. */
    private static double metric(Map<String, Double> series, String name, String... labels) {
        List<Double> values = series.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> Arrays.stream(labels).allMatch(e.getKey()::contains))
                .map(Map.Entry::getValue).toList();
        assertThat(values).as("series %s with %s", name, Arrays.toString(labels)).hasSize(1);
        return values.getFirst();
    }

    private double rejectedCount() {
        return webhookCount("client_state_mismatch");
    }

    private double webhookCount(String outcome) {
        var counter = meters.find("sync.webhook.notifications").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private String awaitSubscription(String user) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT subscription_id FROM subscriptions WHERE mailbox_id = ? AND health = 'ACTIVE'", String.class, id(user))).hasSize(1));
        return jdbc.queryForObject("SELECT subscription_id FROM subscriptions WHERE mailbox_id = ?", String.class, id(user));
    }

    private static List<CalendarEventChanged> awaitChanges(String user, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.changesOf(user)).hasSizeGreaterThanOrEqualTo(count));
        return harness.changesOf(user);
    }
}
