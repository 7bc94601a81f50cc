package io.calbridge.sync.subscription.application;

import io.calbridge.sync.subscription.domain.Health;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The gauges operators watch, refreshed from the database every {@code sync.metrics.refresh-interval} (10 s), so
 * every instance reports every mailbox whichever instance ran it:
 * <ul>
 *   <li>{@code calbridge.sync.lag} (seconds, tags {@code tenant}, {@code mailbox}): time since the mailbox's last
 *       applied delta page, or since it was connected when it has none yet; computed when scraped, so it grows
 *       between refreshes as it should;</li>
 *   <li>{@code calbridge.sync.subscriptions} (tag {@code state}): connected mailboxes per subscription health, one
 *       series per {@link Health} plus {@code NONE} for mailboxes without a subscription yet, all present from
 *       start.</li>
 * </ul>
 */
public class SyncGauges {

    private static final Logger log = LoggerFactory.getLogger(SyncGauges.class);
    /** The state of a mailbox whose subscription has not been created yet. */
    static final String NO_SUBSCRIPTION = "NONE";

    private final MailboxStatuses statuses;
    private final Clock clock;
    private final MultiGauge lag;
    private final MultiGauge subscriptions;

    public SyncGauges(MailboxStatuses statuses, MeterRegistry meters, Clock clock) {
        this.statuses = statuses;
        this.clock = clock;
        this.lag = MultiGauge.builder("calbridge.sync.lag")
                .description("Seconds since the mailbox's last successful delta page (or its connection, before the first)")
                .baseUnit("seconds")
                .register(meters);
        this.subscriptions = MultiGauge.builder("calbridge.sync.subscriptions")
                .description("Connected mailboxes by the health of their change-notification subscription")
                .register(meters);
        publish(List.of());
    }

    /** Reloads every mailbox's last sync and subscription health; a failed read keeps the previous values. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${sync.metrics.refresh-interval:PT10S}")
    public void refresh() {
        try {
            publish(statuses.everyMailbox());
        } catch (RuntimeException e) {
            log.warn("Could not refresh sync gauges: {}", e.toString());
        }
    }

    private void publish(List<MailboxStatuses.MailboxHealth> mailboxes) {
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        Map<Health, Integer> byHealth = new EnumMap<>(Health.class);
        int none = 0;
        for (Health h : Health.values()) {
            byHealth.put(h, 0);
        }
        for (MailboxStatuses.MailboxHealth m : mailboxes) {
            Instant since = m.lastSyncedAt() != null ? m.lastSyncedAt() : m.connectedAt();
            lagRows.add(MultiGauge.Row.of(Tags.of("tenant", m.tenantId(), "mailbox", m.mailboxId()), since,
                    at -> Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0)));
            Health health = parse(m.subscriptionHealth());
            if (health == null) {
                none++;
            } else {
                byHealth.merge(health, 1, Integer::sum);
            }
        }
        lag.register(lagRows, true);
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        byHealth.forEach((health, count) -> stateRows.add(MultiGauge.Row.of(Tags.of("state", health.name()), count)));
        stateRows.add(MultiGauge.Row.of(Tags.of("state", NO_SUBSCRIPTION), none));
        subscriptions.register(stateRows, true);
    }

    private static Health parse(String health) {
        if (health == null) {
            return null;
        }
        try {
            return Health.valueOf(health);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
