package io.calbridge.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.Topics;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.provisioning.enrollment.application.Enrollments;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Measurement, not a regular test (run with {@code -Dprovisioning.bench=true [-Dprovisioning.bench.users=N]}):
 * enrolls N people into an administrative unit with the emulator's directory write limit on, and prints the write
 * rate achieved as a ratio to the limit, Graph round trips per person, and lost or duplicated enrollments.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "provisioning.bench", matches = "true")
class EnrollmentThroughputIT {

    static final String TENANT = "77777777-0000-4000-8000-000000000007";
    static final String APP = "00000000-0000-4000-8000-0000000000f7";
    static final int USERS = Integer.getInteger("provisioning.bench.users", 600);
    static final int WRITES = Integer.getInteger("provisioning.bench.writes", 200);
    static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("provisioning.bench.window-seconds", 10));
    static final GraphEmulator EMULATOR = GraphEmulator.start(EmulatorOptions.defaults().toBuilder().directoryWrites(WRITES, WINDOW).build());

    static {
        EMULATOR.seed("""
                {"tenants":[{"id":"%s","domain":"bench.example",
                  "apps":[{"clientId":"%s","secrets":[{"value":"bench-secret-0001","expires":"2099-01-01T00:00:00Z"}],
                           "roles":["User.Read.All","AdministrativeUnit.ReadWrite.All","Place.Read.All"],"adminConsent":true}],
                  "administrativeUnits":[{"id":"au-bench","displayName":"Calbridge mailboxes","members":[]}],
                  "roleAssignments":[{"app":"%s","role":"Application Calendars.ReadWrite","recipientAdministrativeUnitScope":"au-bench"}],
                  "generate":{"users":%d}}]}""".formatted(TENANT, APP, APP, USERS));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> ProvisioningHarness.ENCRYPTION_KEY);
        registry.add("calbridge.security.api-keys", ProvisioningHarness::apiKeys);
        registry.add("calbridge.provisioning.enrollment.poll-interval", () -> "50ms");
        registry.add("calbridge.provisioning.enrollment.verify-initial-backoff", () -> "200ms");
        registry.add("calbridge.graph.directory-writes", () -> WRITES);
        registry.add("calbridge.graph.directory-write-window", () -> WINDOW.toMillis() + "ms");
        registry.add("calbridge.graph.window-margin", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    Enrollments enrollments;

    ProvisioningHarness.TopicReader topics;
    KafkaProducer<String, byte[]> producer;

    @AfterAll
    void close() {
        if (topics != null) {
            topics.close();
        }
        if (producer != null) {
            producer.close();
        }
        EMULATOR.close();
    }

    @Test
    void enrollsManyPeopleAtTheDirectoryWriteLimitWithFewRoundTrips() throws Exception {
        String bootstrap = environment.getProperty("spring.kafka.bootstrap-servers");
        topics = new ProvisioningHarness.TopicReader(bootstrap, List.of(Topics.ENROLLMENTS));
        producer = ProvisioningHarness.producer(bootstrap);
        var http = new ProvisioningHarness.Http(port);
        String registration = """
                {"tenantId":"%s","displayName":"Bench","clientId":"%s","authorityHost":%s,"graphBaseUrl":%s,"authorityTrustPem":%s,
                 "credential":{"kind":"CLIENT_SECRET","secret":"bench-secret-0001","expiresAt":"2099-01-01T00:00:00Z"},
                 "policy":{"strategy":"ADMINISTRATIVE_UNIT","scopeObjectId":"au-bench"}}""".formatted(TENANT, APP,
                ProvisioningHarness.json(EMULATOR.authorityHost()), ProvisioningHarness.json(EMULATOR.graphBaseUrl()),
                ProvisioningHarness.json(java.nio.file.Files.readString(EMULATOR.certificatePem())));
        assertThat(http.send("POST", "/api/tenants", ProvisioningHarness.OPERATOR_KEY, registration).statusCode()).isEqualTo(201);

        for (int i = 0; i < USERS; i++) {
            producer.send(new io.calbridge.common.cloudevents.CloudEventCodec("/bench").encodeRecord(new UserOnboarded(TENANT, "gen-u-" + i,
                    "user" + i + "@bench.example", "user" + i + "@bench.example", null, null, DirectorySource.HR_SYSTEM, Instant.now(), null),
                    java.util.UUID.randomUUID(), Instant.now()));
        }
        producer.flush();
        // Added = recorded and no longer PENDING; measured from the first add to the last, whatever the consumer's pace.
        long firstAdd = 0;
        long lastAdd = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            Map<EnrollmentState, Long> counts = enrollments.countByState(TENANT);
            long added = counts.values().stream().mapToLong(Long::longValue).sum() - counts.get(EnrollmentState.PENDING);
            if (added > 0 && firstAdd == 0) {
                firstAdd = System.nanoTime();
            }
            if (added >= USERS) {
                lastAdd = System.nanoTime();
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        await().atMost(Duration.ofMinutes(10)).until(() -> topics.events(Topics.ENROLLMENTS).size() >= USERS);
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());

        var counters = EMULATOR.counters();
        long batches = counters.path("byPath").path("POST /$batch").asLong();
        long refAdds = counters.path("byPath").path("POST /directory/administrativeUnits/{au}/members/$ref").asLong();
        double seconds = (lastAdd - firstAdd) / 1e9;
        // The first window's writes go out at once (a full bucket), so the sustained rate is measured over the rest.
        double rate = (USERS - WRITES) / Math.max(0.001, seconds);
        double limit = WRITES / (double) WINDOW.toSeconds();
        Map<String, Long> perUser = topics.events(Topics.ENROLLMENTS).stream().filter(MailboxEnrolled.class::isInstance)
                .map(e -> ((MailboxEnrolled) e).userId()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long duplicates = perUser.values().stream().filter(n -> n > 1).count();
        long lost = USERS - perUser.size();
        double overall = USERS / Math.max(0.001, seconds);
        System.out.printf("BENCH users=%d writeLimit=%d/%ss addPhase=%.1fs overallWriteRate=%.2f/s overallRatio=%.2f "
                        + "sustainedWriteRate(after one full bucket)=%.2f/s ratio=%.2f "
                        + "httpBatches=%d refAddsSeen=%d roundTripsPerPerson=%.4f (naive 1.0) throttled=%d lost=%d duplicated=%d counters=%s%n",
                USERS, WRITES, WINDOW.toSeconds(), seconds, overall, overall / limit, rate, rate / limit, batches, refAdds, batches / (double) USERS,
                counters.path("throttled").asLong(), lost, duplicates, counters.path("byPath"));
        assertThat(lost).isZero();
        assertThat(duplicates).isZero();
    }
}
