package io.calbridge.sync;

import static io.calbridge.sync.SyncHarness.TENANT;
import static io.calbridge.sync.SyncHarness.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.messaging.TraceContext;
import io.calbridge.sync.subscription.adapter.out.messaging.OutboxNotificationQueue;
import io.calbridge.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delta runs are background work, done after the consumer that asked for them committed: the run and the
 * {@code CalendarEventChanged} it publishes continue the trace of the record that asked (an {@code AccountConnected},
 * a queued webhook notification) rather than starting a new one.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"calbridge.encryption-key=" + SyncHarness.KEY, "sync.worker.poll-interval=PT0.1S"})
class TraceContinuationIT {

    @Autowired
    io.calbridge.service.tenants.TenantRegistry tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    private final List<ConsumerRecord<String, byte[]>> changes = new ArrayList<>();
    private final CloudEventCodec codec = new CloudEventCodec("/it");

    @Test
    void theInitialSyncAndANotifiedDeltaContinueTheTracesThatAskedForThem() throws Exception {
        try (SyncHarness harness = new SyncHarness(EmulatorOptions.defaults(), List.of("tess"))) {
            runsContinueTheirTraces(harness);
        }
    }

    private void runsContinueTheirTraces(SyncHarness harness) throws Exception {
        tenants.apply(harness.tenantConfigured());
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        harness.connectKafka(bootstrap);
        String key = TENANT + "/" + id("tess");
        String connectTrace = "0af7651916cd43dd8448eb211c80319c";

        var connect = harness.codec.encodeRecord(new AccountConnected(TENANT, id("tess"), SyncHarness.address("tess"),
                MailboxKind.USER, "tess", null, Instant.now(), null), UUID.randomUUID(), Instant.now());
        connect.headers().add(TraceContext.HEADER, ("00-" + connectTrace + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8));
        harness.send(connect);

        try (KafkaConsumer<String, byte[]> reader = SyncHarness.consumer(bootstrap, "trace-it-" + UUID.randomUUID())) {
            reader.subscribe(List.of(Topics.CALENDAR_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> SyncHarness.readAll(reader, changes).size() >= 4);
            assertThat(changes).hasSize(4).allSatisfy(r -> assertThat(traceId(r)).isEqualTo(connectTrace));
            CalendarEventChanged review = changes.stream().map(r -> (CalendarEventChanged) codec.decode(r))
                    .filter(c -> "Design review".equals(c.snapshot().subject())).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM subscriptions WHERE mailbox_id = ? AND health = 'ACTIVE'", Long.class, id("tess")) == 1);

            // Graph's own notification is dropped, so the one queued here (as the webhook would) is what starts the run.
            harness.control("POST", "/faults", "{\"pathPattern\":\"Users/" + id("tess") + "/Events\",\"dropNotifications\":true}");
            harness.control("PATCH", "/outlook/users/" + id("tess") + "/events/" + review.eventId(), "{\"subject\":\"Moved\"}");
            String notificationTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            harness.send(queuedNotification(key, review.eventId(), "00-" + notificationTrace + "-00f067aa0ba902b7-01"));

            await().atMost(Duration.ofSeconds(30)).until(() -> SyncHarness.readAll(reader, changes).size() >= 5);
            ConsumerRecord<String, byte[]> updated = changes.get(4);
            assertThat(((CalendarEventChanged) codec.decode(updated)).change()).isEqualTo(ChangeType.UPDATED);
            assertThat(traceId(updated)).isEqualTo(notificationTrace);
        }
    }

    /** A change notification as sync's webhook puts it on {@code sync.notifications}, inside the webhook's trace. */
    private static ProducerRecord<String, byte[]> queuedNotification(String key, String eventId, String traceparent) {
        String body = """
                {"tenantId":"%s","mailboxId":"%s","subscriptionId":"s-it","changeType":"updated","eventId":"%s","receivedAt":"%s"}"""
                .formatted(TENANT, id("tess"), eventId, Instant.now());
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.NOTIFICATIONS, key, body.getBytes(StandardCharsets.UTF_8));
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_source", "/sync-service", "ce_type", OutboxNotificationQueue.CHANGED,
                        "ce_specversion", "1.0", "ce_time", Instant.now().toString(), "ce_subject", key,
                        "content-type", "application/json", TraceContext.HEADER, traceparent)
                .forEach((k, v) -> r.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return r;
    }

    private static String traceId(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(TraceContext.HEADER);
        return header == null ? null
                : TraceContext.parse(new String(header.value(), StandardCharsets.UTF_8)).map(TraceContext::traceId).orElse(null);
    }
}
