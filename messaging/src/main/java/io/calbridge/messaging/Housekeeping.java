package io.calbridge.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes published outbox rows older than {@code outbox.retention} and processed-event ids older than
 * {@code consumer.dedup-retention}, every {@code outbox.prune-interval}, in slices so no statement runs long.
 * Safe to run on every instance at once.
 */
final class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final int SLICE = 10_000;

    private final JdbcTemplate jdbc;
    private final MessagingSettings settings;
    private final Clock clock;
    private volatile @Nullable ScheduledExecutorService executor;

    Housekeeping(JdbcTemplate jdbc, MessagingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs one pruning round; returns the number of rows deleted. */
    int prune() {
        var publishedBefore = Timestamp.from(clock.instant().minus(settings.outbox().retention()));
        var processedBefore = Timestamp.from(clock.instant().minus(settings.consumer().dedupRetention()));
        int deleted = 0;
        int slice;
        do {
            slice = jdbc.update("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                    + " WHERE published_at IS NOT NULL AND published_at < ? LIMIT ?)", publishedBefore, SLICE);
            deleted += slice;
        } while (slice == SLICE);
        do {
            slice = jdbc.update("DELETE FROM processed_events WHERE ctid IN (SELECT ctid FROM processed_events"
                    + " WHERE processed_at < ? LIMIT ?)", processedBefore, SLICE);
            deleted += slice;
        } while (slice == SLICE);
        return deleted;
    }

    /**
     * Age in seconds of the oldest unpublished outbox row, 0 when the outbox is drained; for the lag gauge.
     * Measured on the database's clock, which also stamped the row.
     */
    static double lagSecondsOf(JdbcTemplate jdbc) {
        Double lag = jdbc.queryForObject("SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)"
                + " FROM outbox WHERE published_at IS NULL", Double.class);
        return lag == null ? 0 : Math.max(0, lag);
    }

    private void pruneAndLog() {
        try {
            int deleted = prune();
            if (deleted > 0) {
                log.info("Pruned {} published outbox rows and old processed-event ids", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Pruning the outbox failed; next attempt in {}", settings.outbox().pruneInterval(), e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-housekeeping").daemon().factory());
        executor = scheduler;
        long every = settings.outbox().pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneAndLog, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
