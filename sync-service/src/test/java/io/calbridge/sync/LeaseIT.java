package io.calbridge.sync;

import static io.calbridge.sync.SyncHarness.TENANT;
import static io.calbridge.sync.SyncHarness.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.testsupport.RealInfrastructure;
import io.calbridge.testsupport.TestInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The worker's lease is short and renewed while a run goes on: a delta run that lasts longer than the lease keeps
 * its mailbox (a second instance does not start it meanwhile), and the claims of an owner that died, renewed no
 * more, lapse within the lease, so its mailboxes are synced again seconds after a crash rather than minutes; an
 * instance restarted under its stable name releases its killed predecessor's claims at once.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "calbridge.encryption-key=" + SyncHarness.KEY, "sync.worker.poll-interval=PT0.1S", "sync.worker.lease=PT2S"})
class LeaseIT {

    /** As {@code sync.worker.lease} above, for both instances. */
    static final Duration LEASE = Duration.ofSeconds(2);
    static final String CRASHED_OWNER = "sync-killed-0000";
    static SyncHarness harness;

    @BeforeAll
    static void startEmulator() {
        harness = new SyncHarness(EmulatorOptions.defaults(), List.of("ada", "bo", "cy"));
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @Autowired
    TenantRegistry tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @LocalServerPort
    int port;

    private static boolean kafkaConnected;

    @BeforeEach
    void tenantAndReader() throws Exception {
        tenants.apply(harness.tenantConfigured());
        if (!kafkaConnected) {
            harness.connectKafka(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
            kafkaConnected = true;
        }
    }

    @Test
    void aCrashedOwnersClaimLapsesWithinTheLeaseAndTheMailboxIsSyncedAgain() throws Exception {
        harness.connect("ada");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.changesOf("ada")).hasSize(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows("ada") == 0);

        // The edit's notification is lost, so only the dead owner's request can bring the edit in.
        harness.control("POST", "/faults", "{\"pathPattern\":\"Users/" + id("ada") + "/Events\",\"dropNotifications\":true}");
        // What a killed instance leaves behind: its claimed request, its lease last renewed just now and renewed no more.
        Instant claimedUntil = Instant.now().plus(LEASE);
        jdbc.update("""
                INSERT INTO sync_requests (tenant_id, mailbox_id, reason, generation, requested_at, not_before,
                       claimed_by, claimed_until, claimed_generation)
                VALUES (?, ?, 'notification', 1, now(), now(), ?, ?, 1)""",
                TENANT, id("ada"), CRASHED_OWNER, Timestamp.from(claimedUntil));
        CalendarEventChanged first = harness.changesOf("ada").getFirst();
        Instant edited = Instant.now();
        try {
            harness.control("PATCH", "/outlook/users/" + id("ada") + "/events/" + first.eventId(), "{\"subject\":\"After the crash\"}");
            // Synced again within about the lease, not the 10 minutes a long lease would have cost.
            await().atMost(LEASE.plus(Duration.ofSeconds(10))).untilAsserted(() -> assertThat(harness.changesOf("ada")).hasSize(5));
        } finally {
            harness.control("DELETE", "/faults", null);
        }
        Instant reported = Instant.now();

        CalendarEventChanged change = harness.changesOf("ada").get(4);
        assertThat(change.change()).isEqualTo(ChangeType.UPDATED);
        assertThat(change.snapshot().subject()).isEqualTo("After the crash");
        assertThat(reported).isAfter(claimedUntil);
        assertThat(Duration.between(edited, reported)).isLessThan(LEASE.plus(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows("ada") == 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(harness.changesOf("ada")).hasSize(5));
    }

    @Test
    void aRunLongerThanTheLeaseKeepsItsClaimAndNoOtherInstanceStartsIt() throws Exception {
        ConfigurableApplicationContext other = startSecondInstance(Map.of());
        try {
            harness.control("POST", "/counters/reset", null);
            // The first delta page takes more than twice the lease: without renewal the other instance would take it.
            harness.control("POST", "/faults", """
                    {"pathPattern":"users/%s/calendarView/delta","latencyMs":%d,"times":1}"""
                    .formatted(id("bo"), LEASE.multipliedBy(3).toMillis()));
            harness.connect("bo");

            // While the run goes on, every poll samples who holds bo's claim and until when.
            Set<String> owners = ConcurrentHashMap.newKeySet();
            List<Instant> leaseEnds = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, Object> claim = claimOf("bo");
                if (claim != null && claim.get("claimed_by") != null) {
                    owners.add((String) claim.get("claimed_by"));
                    leaseEnds.add(((Timestamp) claim.get("claimed_until")).toInstant());
                }
                return harness.changesOf("bo").size() >= 4;
            });

            assertThat(harness.changesOf("bo")).hasSize(4);
            assertThat(owners).as("instances that held bo's claim during its run").hasSize(1);
            assertThat(leaseEnds).isNotEmpty();
            assertThat(leaseEnds.getLast()).as("the lease was renewed past its first end")
                    .isAfter(leaseEnds.getFirst().plus(LEASE));
            JsonNode counters = harness.emulator.counters();
            assertThat(maxConcurrency(counters, id("bo"))).as("concurrent Graph requests for bo").isEqualTo(1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(harness.changesOf("bo")).hasSize(4));
        } finally {
            harness.control("DELETE", "/faults", null);
            other.close();
        }
    }

    @Test
    void anInstanceRestartedUnderItsStableNameResumesTheClaimsItsKilledProcessLeft() throws Exception {
        harness.connect("cy");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.changesOf("cy")).hasSize(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows("cy") == 0);

        // The killed process ran under a stable name with a long lease: without the release, 10 minutes' wait.
        String stableName = "sync-0";
        jdbc.update("""
                INSERT INTO sync_requests (tenant_id, mailbox_id, reason, generation, requested_at, not_before,
                       claimed_by, claimed_until, claimed_generation)
                VALUES (?, ?, 'notification', 1, now(), now(), ?, now() + interval '10 minutes', 1)""",
                TENANT, id("cy"), stableName);
        CalendarEventChanged first = harness.changesOf("cy").getFirst();
        harness.control("PATCH", "/outlook/users/" + id("cy") + "/events/" + first.eventId(), "{\"subject\":\"After the restart\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> generation("cy") > 1);
        assertThat(claimOf("cy")).containsEntry("claimed_by", stableName);

        ConfigurableApplicationContext restarted = startSecondInstance(Map.of("sync.worker.instance-id", stableName));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(harness.changesOf("cy")).hasSize(5));
            assertThat(harness.changesOf("cy").get(4).snapshot().subject()).isEqualTo("After the restart");
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows("cy") == 0);
        } finally {
            restarted.close();
        }
    }

    private ConfigurableApplicationContext startSecondInstance(Map<String, String> extra) {
        Map<String, Object> second = new HashMap<>(TestInfrastructure.springProperties(LeaseIT.class));
        second.put("server.port", "0");
        second.put("calbridge.encryption-key", SyncHarness.KEY);
        second.put("sync.worker.poll-interval", "PT0.1S");
        second.put("sync.worker.lease", LEASE.toString());
        second.put("sync.webhook.base-url", "http://127.0.0.1:" + port);
        second.putAll(extra);
        String[] args = second.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(SyncApplication.class).run(args);
    }

    private static int maxConcurrency(JsonNode counters, String mailboxId) {
        JsonNode byMailbox = counters.path("maxConcurrencyByMailbox");
        int max = 0;
        for (Map.Entry<String, JsonNode> e : byMailbox.properties()) {
            if (e.getKey().contains(mailboxId)) {
                max = Math.max(max, e.getValue().asInt());
            }
        }
        assertThat(byMailbox.toString()).as("the emulator's per-mailbox concurrency").contains(mailboxId);
        return max;
    }

    private Map<String, Object> claimOf(String user) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT claimed_by, claimed_until FROM sync_requests WHERE tenant_id = ? AND mailbox_id = ?", TENANT, id(user));
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private int pendingRows(String user) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_requests WHERE tenant_id = ? AND mailbox_id = ?",
                Integer.class, TENANT, id(user));
        return n == null ? 0 : n;
    }

    private long generation(String user) {
        List<Long> g = jdbc.queryForList("SELECT generation FROM sync_requests WHERE tenant_id = ? AND mailbox_id = ?",
                Long.class, TENANT, id(user));
        return g.isEmpty() ? 0 : g.getFirst();
    }
}
