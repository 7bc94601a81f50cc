package io.calbridge.sync;

import static io.calbridge.sync.SyncHarness.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.testsupport.RealInfrastructure;
import io.calbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two sync instances share the mailboxes (one consumer group, one database); every change is reported exactly
 * once, and after one instance stops the other carries on.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoInstancesIT {

    static final List<String> USERS = List.of("m1", "m2", "m3", "m4", "m5", "m6");
    static SyncHarness harness;

    @BeforeAll
    static void startEmulator() {
        harness = new SyncHarness(EmulatorOptions.defaults(), USERS);
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> SyncHarness.KEY);
        registry.add("sync.worker.poll-interval", () -> "PT0.1S");
    }

    @Autowired
    TenantRegistry tenants;
    @Autowired
    Environment environment;
    @LocalServerPort
    int port;

    @Test
    void twoInstancesReportEveryChangeOnceAndOneCarriesOnAlone() throws Exception {
        tenants.apply(harness.tenantConfigured());
        harness.connectKafka(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
        Map<String, Object> second = new HashMap<>(TestInfrastructure.springProperties(TwoInstancesIT.class));
        second.put("server.port", "0");
        second.put("calbridge.encryption-key", SyncHarness.KEY);
        second.put("sync.worker.poll-interval", "PT0.1S");
        // Both instances sit behind one public URL in production; here that is the first instance.
        second.put("sync.webhook.base-url", "http://127.0.0.1:" + port);
        // As command-line arguments, so they win over application.yml as the test's own properties do.
        String[] args = second.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext other = new SpringApplicationBuilder(SyncApplication.class).run(args);
        try {
            USERS.forEach(harness::connect);
            for (String user : USERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.changesOf(user)).hasSize(4));
            }
            editFirstEventOfEveryMailbox("Edited while two run");
            awaitOneMoreEach(5);
        } finally {
            other.close();
        }

        editFirstEventOfEveryMailbox("Edited with one left");

        awaitOneMoreEach(6);
        for (String user : USERS) {
            assertThat(harness.changesOf(user).get(5).snapshot().subject()).isEqualTo("Edited with one left");
        }
    }

    private void editFirstEventOfEveryMailbox(String subject) throws Exception {
        for (String user : USERS) {
            CalendarEventChanged first = harness.changesOf(user).getFirst();
            harness.control("PATCH", "/outlook/users/" + id(user) + "/events/" + first.eventId(), "{\"subject\":\"" + subject + "\"}");
        }
    }

    private static void awaitOneMoreEach(int total) {
        for (String user : USERS) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.changesOf(user)).hasSizeGreaterThanOrEqualTo(total));
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String user : USERS) {
                assertThat(harness.changesOf(user)).hasSize(total);
                assertThat(harness.changesOf(user).get(total - 1).change()).isEqualTo(ChangeType.UPDATED);
            }
        });
    }
}
