package io.calbridge.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka, in id order, at least once.
 *
 * <p>Each pass runs in one database transaction that first takes a transaction-scoped PostgreSQL advisory lock;
 * a relay that cannot get it skips the pass. So at most one relay per database publishes at any moment, and two
 * instances never interleave or reorder. Within a pass the relay sends up to {@code batch-size} unpublished rows
 * in id order through an idempotent producer ({@code acks=all}), waits for every acknowledgement, and marks the
 * acknowledged prefix as published before the transaction commits. If the relay dies between send and mark, the
 * rows stay unpublished and the next pass sends them again: consumers see a duplicate {@code ce_id}, which the
 * kernel's idempotent consumption absorbs, and per-key order is preserved because rows are always re-sent from
 * the oldest unpublished one.
 *
 * <p>Started and stopped with the application context; {@link #relayOnce()} runs a single pass for tests and
 * tools. Metrics: {@code calbridge.outbox.published} (counter), {@code calbridge.outbox.pass} (timer).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Advisory lock key (single-key space) held by the active relay for the length of one pass. */
    static final long RELAY_LOCK = 0x0CA1B0_0000_0001L;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SELECT_BATCH =
            "SELECT id, topic, msg_key, headers::text AS headers, payload FROM outbox"
                    + " WHERE published_at IS NULL ORDER BY id LIMIT ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final MessagingSettings.Outbox settings;
    private final Counter published;
    private final Timer passes;
    private final Object lifecycle = new Object();

    private volatile @Nullable Producer<byte[], byte[]> producer;
    private volatile @Nullable ScheduledExecutorService executor;
    private volatile SendObserver sendObserver = ids -> { };
    private int consecutiveFailures;

    /**
     * @param jdbc         the application's database (the one {@link Outbox} writes to)
     * @param transactions its transaction manager
     * @param producers    creates the relay's producer; must be idempotent with {@code acks=all}, see
     *                     {@link KafkaClients#producer}
     * @param settings     poll interval, batch size and send timeout
     * @param meters       where the relay's metrics go
     */
    public OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                       Supplier<Producer<byte[], byte[]>> producers, MessagingSettings.Outbox settings,
                       MeterRegistry meters) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new TransactionTemplate(transactions);
        this.producers = Objects.requireNonNull(producers, "producers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.published = Counter.builder("calbridge.outbox.published")
                .description("Outbox rows published to Kafka and acknowledged").register(meters);
        this.passes = Timer.builder("calbridge.outbox.pass")
                .description("Duration of relay passes that published at least one row").register(meters);
    }

    /**
     * Called after a pass's records are acknowledged and before they are marked as published, with their row ids.
     * A test hook: throwing here simulates a relay killed between send and mark.
     */
    @FunctionalInterface
    public interface SendObserver {
        void sent(List<Long> ids);
    }

    /** Replaces the {@link SendObserver}; for tests. */
    public void setSendObserver(SendObserver observer) {
        this.sendObserver = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Runs one relay pass: publishes up to {@code batch-size} unpublished rows and marks them.
     *
     * @return the number of rows published, 0 when the outbox is drained or another relay holds the lock
     * @throws RuntimeException when sending or marking failed; unmarked rows are re-sent by a later pass
     */
    public int relayOnce() {
        Integer count = transactions.execute(status -> pass());
        return count == null ? 0 : count;
    }

    private int pass() {
        Boolean leader = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        List<Row> rows = jdbc.query(SELECT_BATCH, (rs, n) -> new Row(
                rs.getLong("id"), rs.getString("topic"), rs.getString("msg_key"),
                HeaderJson.read(rs.getString("headers")), rs.getBytes("payload")), settings.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        Acknowledged acked = send(rows);
        sendObserver.sent(acked.ids());
        if (!acked.ids().isEmpty()) {
            jdbc.update("UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY(?)",
                    (Object) acked.ids().toArray(Long[]::new));
        }
        published.increment(acked.ids().size());
        passes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (acked.failure() != null) {
            // The acknowledged prefix is marked on commit; the rest is re-sent by the next pass, through a
            // new producer in case this one is in an unrecoverable state.
            log.warn("Outbox relay published {} of {} rows; row {} failed, re-sending from there",
                    acked.ids().size(), rows.size(), rows.get(acked.ids().size()).id(), acked.failure());
            closeProducer();
        }
        return acked.ids().size();
    }

    /** Sends every row, then waits for the acknowledgements in id order; stops at the first failure. */
    private Acknowledged send(List<Row> rows) {
        Producer<byte[], byte[]> client = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        for (Row row : rows) {
            futures.add(client.send(row.toRecord()));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().plusSeconds(5).toNanos();
        List<Long> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ids.add(rows.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Acknowledged(ids, e);
            } catch (ExecutionException | TimeoutException e) {
                return new Acknowledged(ids, e);
            }
        }
        return new Acknowledged(ids, null);
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = producers.get();
                }
                current = producer;
            }
        }
        return current;
    }

    /** Runs passes until the outbox is drained or a pass publishes less than a full batch. */
    private void drain() {
        try {
            int count;
            do {
                count = relayOnce();
            } while (count == settings.batchSize() && executor != null);
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            if (consecutiveFailures == 1 || consecutiveFailures % 100 == 0) {
                log.warn("Outbox relay pass failed ({} in a row); retrying every {}",
                        consecutiveFailures, settings.pollInterval(), e);
            }
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            startScheduler();
        }
    }

    private void startScheduler() {
        if (executor != null) {
            return;
        }
        Boolean tableExists = jdbc.queryForObject("SELECT to_regclass('outbox') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(tableExists)) {
            throw new IllegalStateException("Table outbox is missing: add classpath:db/kernel to spring.flyway.locations");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        executor = scheduler;
        scheduler.scheduleWithFixedDelay(this::drain, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Outbox relay started: every {}, batches of {}", settings.pollInterval(), settings.batchSize());
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            stopScheduler();
        }
        closeProducer();
    }

    /** Stops the schedule and waits for a running pass; the lock guarding the producer is not held meanwhile. */
    private void stopScheduler() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(settings.sendTimeout().plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Outbox relay did not stop in time; unmarked rows will be re-sent");
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.shutdownNow();
            }
        }
    }

    /** Closes the producer; a later {@link #relayOnce()} creates a new one. */
    public void closeProducer() {
        Producer<byte[], byte[]> current;
        synchronized (this) {
            current = producer;
            producer = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** One outbox row as read by the relay. */
    private record Row(long id, String topic, String key, Map<String, String> headers, byte[] payload) {

        ProducerRecord<byte[], byte[]> toRecord() {
            var record = new ProducerRecord<byte[], byte[]>(topic, key.getBytes(StandardCharsets.UTF_8), payload);
            headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            return record;
        }
    }

    /** The ids acknowledged by the broker, in order, and the failure that stopped the wait, if any. */
    private record Acknowledged(List<Long> ids, @Nullable Exception failure) {
    }

}
