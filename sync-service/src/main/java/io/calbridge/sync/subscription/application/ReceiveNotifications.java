package io.calbridge.sync.subscription.application;

import io.calbridge.sync.subscription.domain.ClientState;
import io.calbridge.sync.subscription.domain.MailboxSubscription;
import io.calbridge.sync.subscription.domain.Notification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the webhook does with a delivery: each notification's subscription must be ours and its clientState must
 * match (compared in constant time); those that pass are queued on {@code sync.notifications} in one short
 * transaction, the rest are counted and dropped. Nothing else happens before the webhook answers.
 */
public class ReceiveNotifications {

    private static final Logger log = LoggerFactory.getLogger(ReceiveNotifications.class);
    private static final List<String> OUTCOMES = List.of("accepted", "client_state_mismatch", "unknown_subscription", "malformed");
    private static final List<String> REJECTIONS = List.of("client_state_mismatch", "unknown_subscription", "malformed");

    /** One notification as delivered, before any check. */
    public record Delivered(String subscriptionId, String clientState, String changeType, String eventId,
                            String lifecycleEvent) {}

    /** How many notifications of a delivery were queued, rejected for their clientState, or for an unknown subscription. */
    public record Outcome(int accepted, int rejected, int unknown) {}

    private final Subscriptions subscriptions;
    private final NotificationQueue queue;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock;

    /**
     * Registers {@code sync.webhook.notifications} (by {@code outcome}) and {@code calbridge.sync.webhook.rejected}
     * (by {@code reason}) at once, so both show at zero before the first delivery.
     */
    public ReceiveNotifications(Subscriptions subscriptions, NotificationQueue queue, TransactionTemplate tx, MeterRegistry meters,
                                Clock clock) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.tx = tx;
        this.meters = meters;
        this.clock = clock;
        for (String outcome : OUTCOMES) {
            meters.counter("sync.webhook.notifications", "outcome", outcome);
        }
        for (String reason : REJECTIONS) {
            rejected(reason);
        }
    }

    private Counter rejected(String reason) {
        return Counter.builder("calbridge.sync.webhook.rejected")
                .description("Webhook notifications rejected: wrong clientState, unknown subscription, or not Graph's JSON")
                .tag("reason", reason)
                .register(meters);
    }

    public Outcome receive(List<Delivered> delivered, boolean lifecycle) {
        Instant receivedAt = clock.instant();
        Outcome outcome = tx.execute(status -> {
            int accepted = 0;
            int rejected = 0;
            int unknown = 0;
            for (Delivered d : delivered) {
                Optional<MailboxSubscription> s = d.subscriptionId() == null ? Optional.empty() : subscriptions.findById(d.subscriptionId());
                if (s.isEmpty()) {
                    unknown++;
                    continue;
                }
                if (!ClientState.matches(d.clientState(), s.get().clientStateHash())) {
                    rejected++;
                    continue;
                }
                MailboxSubscription sub = s.get();
                queue.enqueue(lifecycle || d.lifecycleEvent() != null
                        ? new Notification.Lifecycle(sub.tenantId(), sub.mailboxId(), sub.subscriptionId(), d.lifecycleEvent())
                        : new Notification.Changed(sub.tenantId(), sub.mailboxId(), sub.subscriptionId(), d.changeType(), d.eventId(),
                        receivedAt));
                accepted++;
            }
            return new Outcome(accepted, rejected, unknown);
        });
        count("accepted", outcome.accepted());
        count("client_state_mismatch", outcome.rejected());
        count("unknown_subscription", outcome.unknown());
        if (outcome.rejected() > 0 || outcome.unknown() > 0) {
            log.warn("Webhook dropped {} notification(s) with a wrong clientState and {} for unknown subscriptions",
                    outcome.rejected(), outcome.unknown());
        }
        return outcome;
    }

    /** Counts a delivery whose body is not Graph's notification JSON. */
    public void malformed() {
        count("malformed", 1);
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("sync.webhook.notifications", "outcome", outcome).increment(n);
            if (REJECTIONS.contains(outcome)) {
                rejected(outcome).increment(n);
            }
        }
    }
}
