package io.calbridge.bench.outbox;

import io.calbridge.bench.Figure;
import io.calbridge.bench.Figure.Better;
import io.calbridge.bench.Percentiles;
import io.calbridge.bench.Report;
import io.calbridge.bench.Scenario;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.messaging.KafkaClients;
import io.calbridge.messaging.MessagingSettings;
import io.calbridge.messaging.Outbox;
import io.calbridge.messaging.OutboxRelay;
import io.calbridge.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox relay throughput and commit-to-consumer latency, on the embedded KRaft broker and embedded PostgreSQL,
 * through the real kernel (auto-configured {@link Outbox}, {@link OutboxRelay}, kernel consumer with
 * {@code processed_events} deduplication).
 *
 * <ol>
 *   <li><b>Baseline</b>: a raw idempotent {@code KafkaProducer} ({@code acks=all}) sends the same records: the
 *       ceiling for anything that publishes to this broker on this machine.</li>
 *   <li><b>Drain</b>: the outbox is filled with N events, then one relay publishes them; events/s of the relay,
 *       and of the whole path until the consumer has committed the last one.</li>
 *   <li><b>Latency</b>: with the relay running on its default 100 ms poll, a writer commits events at a steady
 *       offered rate; per event, the time from the writer's commit to the consumer's commit.</li>
 * </ol>
 */
public final class OutboxRelayScenario implements Scenario {

    /** Target relay throughput per service instance, events per second. */
    static final double TARGET_EVENTS_PER_SECOND = 1_000;
    /** Limit for the 99th percentile from commit to consumer, milliseconds. */
    static final double P99_LIMIT_MS = 1_000;
    /** Events per second offered in the latency phase. */
    static final int OFFERED_RATE = 500;
    /** Distinct keys (mailboxes), spread over the topics' 3 partitions. */
    static final int KEYS = 200;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayScenario.class);
    private static final String RAW_TOPIC = "bench.raw-producer";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "outbox-relay";
    }

    @Override
    public String description() {
        return "outbox relay events/s and commit-to-consumer p99 vs a 1,000 events/s target, a 1 s limit and a raw KafkaProducer baseline";
    }

    @Override
    public Report run(double scale) throws Exception {
        int events = Math.max(100, (int) Math.round(20_000 * scale));
        int warmUp = Math.max(50, events / 10);
        int latencyEvents = Math.max(50, (int) Math.round(5_000 * scale));
        Instant startedAt = Instant.now();
        long runStart = System.nanoTime();

        createTopics(TestInfrastructure.kafkaBootstrap());
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.springProperties(OutboxRelayScenario.class));
        properties.put("spring.application.name", "bench");
        properties.put("spring.flyway.locations", "classpath:db/kernel");
        properties.put("calbridge.messaging.outbox.relay-enabled", "false");
        properties.put("spring.main.banner-mode", "off");

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            var outbox = context.getBean(Outbox.class);
            var clients = context.getBean(KafkaClients.class);
            var transactionManager = context.getBean(PlatformTransactionManager.class);
            var jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            var meters = context.getBean(MeterRegistry.class);
            var drainConsumer = context.getBean("drainConsumer", TimingHandler.class);
            var latencyConsumer = context.getBean("latencyConsumer", TimingHandler.class);
            var transactions = new TransactionTemplate(transactionManager);
            MessagingSettings.Outbox relaySettings = MessagingSettings.defaults().outbox();

            // 1. Baseline: raw producer, after a warm-up of the same size as the relay's.
            double rawRate;
            try (Producer<byte[], byte[]> producer = clients.producer("bench-raw", relaySettings.sendTimeout())) {
                sendRaw(producer, warmUp);
                long start = System.nanoTime();
                sendRaw(producer, events);
                rawRate = events / seconds(System.nanoTime() - start);
            }
            log.info("Baseline: raw KafkaProducer {} events/s", Math.round(rawRate));

            // 2. Drain: warm up the relay and the consumer, then fill the outbox and time one relay draining it.
            var relay = new OutboxRelay(jdbc, transactionManager,
                    () -> clients.producer("bench-relay", relaySettings.sendTimeout()), relaySettings, meters);
            fill(outbox, transactions, BenchApplication.DRAIN_TOPIC, warmUp);
            drain(relay);
            waitFor(() -> drainConsumer.count() >= warmUp, "warm-up consumed");
            fill(outbox, transactions, BenchApplication.DRAIN_TOPIC, events);
            long drainStart = System.nanoTime();
            int relayed = drain(relay);
            long relayEnd = System.nanoTime();
            waitFor(() -> drainConsumer.count() >= warmUp + events, "drain consumed");
            double relayRate = relayed / seconds(relayEnd - drainStart);
            double endToEndRate = events / seconds(drainConsumer.lastCommit() - drainStart);
            log.info("Drain: relay {} events/s, end to end {} events/s", Math.round(relayRate), Math.round(endToEndRate));

            // 3. Latency: the relay on its own schedule, events committed at a steady offered rate; the first
            //    second's worth warms up the consumer and is not measured.
            relay.start();
            int latencyWarmUp = Math.min(OFFERED_RATE, latencyEvents);
            commitAtRate(outbox, transactions, latencyWarmUp, new ConcurrentHashMap<>());
            waitFor(() -> latencyConsumer.count() >= latencyWarmUp, "latency warm-up consumed");
            Map<String, Long> committedAt = new ConcurrentHashMap<>();
            commitAtRate(outbox, transactions, latencyEvents, committedAt);
            waitFor(() -> latencyConsumer.count() >= latencyWarmUp + latencyEvents, "latency events consumed");
            relay.stop();
            long[] micros = committedAt.entrySet().stream()
                    .mapToLong(e -> (latencyConsumer.committedAt(e.getKey()) - e.getValue()) / 1_000)
                    .toArray();
            var latency = new Percentiles(micros);
            log.info("Latency: p50 {} ms, p99 {} ms", latency.at(50) / 1000.0, latency.at(99) / 1000.0);

            String postgres = jdbc.queryForObject("SHOW server_version", String.class);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
            environment.put("java", Runtime.version().toString());
            environment.put("kafka", TestInfrastructure.kafkaDescription() + ", 1 broker, 3 partitions, same JVM");
            environment.put("postgresql", "zonky embedded " + postgres + " (fsync off)");
            environment.put("events (drain)", String.valueOf(events));
            environment.put("events (latency)", latencyEvents + " at " + OFFERED_RATE + "/s offered");
            environment.put("keys", String.valueOf(KEYS));
            environment.put("payload", payload(0).length + " bytes + 7 ce headers");
            environment.put("relay", "batch " + relaySettings.batchSize() + ", poll " + relaySettings.pollInterval().toMillis() + " ms");

            List<Figure> figures = List.of(
                    Figure.baseline("raw KafkaProducer throughput (idempotent, acks=all)", rawRate, "events/s"),
                    Figure.limit("relay throughput (outbox drain)", relayRate, "events/s",
                            TARGET_EVENTS_PER_SECOND, "target", Better.HIGHER),
                    Figure.versus("relay throughput (outbox drain)", relayRate, "events/s",
                            rawRate, "raw KafkaProducer, same run", Better.HIGHER),
                    Figure.limit("end-to-end throughput (commit → consumer commit)", endToEndRate, "events/s",
                            TARGET_EVENTS_PER_SECOND, "target", Better.HIGHER),
                    Figure.limit("commit → consumer p50", latency.at(50) / 1000.0, "ms", P99_LIMIT_MS, "p99 limit", Better.LOWER),
                    Figure.limit("commit → consumer p99", latency.at(99) / 1000.0, "ms", P99_LIMIT_MS, "limit", Better.LOWER),
                    Figure.limit("commit → consumer max", latency.max() / 1000.0, "ms", P99_LIMIT_MS, "p99 limit", Better.LOWER));
            List<String> notes = List.of(
                    "Target 1,000 events/s per instance: an initial sync of a 1,000-mailbox tenant at about 100 calendar "
                            + "events per mailbox is 100,000 events, which then drains in under 2 minutes.",
                    "Limit 1 s for commit → consumer p99: a booking or calendar change should reach consumers within about a "
                            + "second; the relay's 100 ms poll and one consumer transaction fit well inside it.",
                    "Baseline: a raw idempotent KafkaProducer (acks=all) sending the same records in the same run; the "
                            + "ratio shows what the outbox costs (a PostgreSQL read and update per batch, at-least-once marking).",
                    "Broker, PostgreSQL, relay and consumer share one JVM and " + environment.get("cores")
                            + " cores (shared with other work while this ran, so repeat runs vary); PostgreSQL runs with"
                            + " fsync off, so commits are cheaper than on durable storage.");
            return new Report(name(), startedAt, seconds(System.nanoTime() - runStart), environment, figures, notes);
        }
    }

    /** Creates the scenario's topics up front, so that no phase measures topic creation or metadata discovery. */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var wanted = List.of(RAW_TOPIC, BenchApplication.DRAIN_TOPIC, BenchApplication.LATENCY_TOPIC);
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = wanted.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 3, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void sendRaw(Producer<byte[], byte[]> producer, int count) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EventMessage event = event(RAW_TOPIC, i);
            var record = new ProducerRecord<byte[], byte[]>(RAW_TOPIC, event.key().getBytes(StandardCharsets.UTF_8), event.payload());
            event.headers().forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
            sent.add(producer.send(record));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Appends {@code count} events, 100 per transaction. */
    private static void fill(Outbox outbox, TransactionTemplate transactions, String topic, int count) {
        for (int from = 0; from < count; from += 100) {
            int start = from;
            int end = Math.min(count, from + 100);
            transactions.executeWithoutResult(tx -> {
                for (int i = start; i < end; i++) {
                    outbox.append(event(topic, i));
                }
            });
        }
    }

    private static int drain(OutboxRelay relay) {
        int total = 0;
        for (int n = relay.relayOnce(); n > 0; n = relay.relayOnce()) {
            total += n;
        }
        return total;
    }

    /** Commits one event per transaction at {@link #OFFERED_RATE}, recording each commit's time. */
    private static void commitAtRate(Outbox outbox, TransactionTemplate transactions, int count,
                                     Map<String, Long> committedAt) throws Exception {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        var written = new AtomicInteger();
        try {
            writer.scheduleAtFixedRate(() -> {
                int i = written.getAndIncrement();
                if (i >= count) {
                    return;
                }
                EventMessage event = event(BenchApplication.LATENCY_TOPIC, i);
                transactions.executeWithoutResult(tx -> outbox.append(event));
                committedAt.put(event.header("ce_id"), System.nanoTime());
            }, 0, 1_000_000_000L / OFFERED_RATE, TimeUnit.NANOSECONDS);
            waitFor(() -> committedAt.size() >= count, "latency events committed");
        } finally {
            writer.shutdownNow();
        }
    }

    private static EventMessage event(String topic, int i) {
        String key = "6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90/mailbox-" + (i % KEYS);
        return new EventMessage(topic, key, Map.of(
                "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/bench",
                "ce_type", "io.calbridge.sync.CalendarEventChanged.v1",
                "ce_specversion", "1.0",
                "ce_subject", key,
                "ce_time", Instant.now().toString(),
                "content-type", "application/json"), payload(i));
    }

    /** A payload the size of a typical CalendarEventChanged. */
    private static byte[] payload(int i) {
        return ("{\"tenantId\":\"6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90\",\"mailboxId\":\"mailbox-" + (i % KEYS) + "\","
                + "\"mailboxAddress\":\"room.babbage@contoso.com\",\"change\":\"UPDATED\",\"eventId\":\"AAMkAGI2TG93AAA="
                + i + "\",\"iCalUId\":\"040000008200E00074C5B7101A82E008000000001\",\"subject\":\"Quarterly planning\","
                + "\"start\":\"2026-12-01T09:00:00Z\",\"end\":\"2026-12-01T10:00:00Z\",\"organizer\":\"ada.lovelace@contoso.com\","
                + "\"occurredAt\":\"2026-11-25T08:30:15.250Z\",\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
