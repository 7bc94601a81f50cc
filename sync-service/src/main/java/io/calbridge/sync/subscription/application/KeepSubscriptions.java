package io.calbridge.sync.subscription.application;

import io.calbridge.sync.calendar.application.RequestSync;
import io.calbridge.sync.calendar.application.SubscriptionKeeper;
import io.calbridge.sync.calendar.application.SyncRequests;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.subscription.domain.ClientState;
import io.calbridge.sync.subscription.domain.Health;
import io.calbridge.sync.subscription.domain.MailboxSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One subscription per mailbox, created with a fresh random clientState and both notification URLs, renewed at
 * about half its lifetime, recreated when Graph lost it (404, expiry, {@code subscriptionRemoved}). Health and the
 * last error are recorded per mailbox. Runs on the sync worker, inside the mailbox's lease.
 */
public class KeepSubscriptions implements SubscriptionKeeper {

    private static final Logger log = LoggerFactory.getLogger(KeepSubscriptions.class);

    private final Subscriptions subscriptions;
    private final ChangeSubscriptions graph;
    private final RequestSync requestSync;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration lifetime;
    private final Supplier<String> webhookBaseUrl;

    public KeepSubscriptions(Subscriptions subscriptions, ChangeSubscriptions graph, RequestSync requestSync,
                             TransactionTemplate tx, Clock clock, Duration lifetime, Supplier<String> webhookBaseUrl) {
        this.subscriptions = subscriptions;
        this.graph = graph;
        this.requestSync = requestSync;
        this.tx = tx;
        this.clock = clock;
        this.lifetime = lifetime;
        this.webhookBaseUrl = webhookBaseUrl;
    }

    @Override
    public void keep(Mailbox mailbox, boolean renewNow) {
        Instant now = clock.instant();
        Optional<MailboxSubscription> current = subscriptions.find(mailbox.tenantId(), mailbox.mailboxId());
        if (current.isEmpty() || current.get().needsCreate(now)) {
            create(mailbox, current.orElse(null), now);
        } else if (renewNow || current.get().dueForRenewal(now)) {
            renew(mailbox, current.get(), now);
        }
    }

    private void create(Mailbox mailbox, MailboxSubscription previous, Instant now) {
        String clientState = ClientState.generate();
        String base = webhookBaseUrl.get();
        try {
            ChangeSubscriptions.Created created = graph.create(mailbox.tenantId(), mailbox.mailboxId(),
                    base + "/webhooks/graph/notifications", base + "/webhooks/graph/lifecycle", clientState, now.plus(lifetime));
            Instant renewAt = now.plus(Duration.between(now, created.expiresAt()).dividedBy(2));
            save(new MailboxSubscription(mailbox.tenantId(), mailbox.mailboxId(), created.subscriptionId(),
                    ClientState.hash(clientState), created.expiresAt(), renewAt, Health.ACTIVE, null));
            log.info("Subscription {} created for {}/{}, expires {}", created.subscriptionId(), mailbox.tenantId(),
                    mailbox.mailboxId(), created.expiresAt());
            if (previous != null && previous.subscriptionId() != null && previous.health() != Health.REMOVED) {
                graph.delete(mailbox.tenantId(), mailbox.mailboxId(), previous.subscriptionId());
            }
        } catch (RuntimeException e) {
            failed(mailbox, previous, e);
        }
    }

    private void renew(Mailbox mailbox, MailboxSubscription current, Instant now) {
        try {
            Instant expires = graph.renew(mailbox.tenantId(), mailbox.mailboxId(), current.subscriptionId(), now.plus(lifetime));
            Instant renewAt = now.plus(Duration.between(now, expires).dividedBy(2));
            save(new MailboxSubscription(current.tenantId(), current.mailboxId(), current.subscriptionId(),
                    current.clientStateHash(), expires, renewAt, Health.ACTIVE, null));
            log.debug("Subscription {} renewed until {}", current.subscriptionId(), expires);
        } catch (SubscriptionGone gone) {
            log.info("Subscription {} of {}/{} is gone; recreating it", current.subscriptionId(), mailbox.tenantId(), mailbox.mailboxId());
            create(mailbox, new MailboxSubscription(current.tenantId(), current.mailboxId(), current.subscriptionId(),
                    current.clientStateHash(), current.expiresAt(), current.renewAt(), Health.REMOVED, "gone"), now);
        } catch (RuntimeException e) {
            failed(mailbox, current, e);
        }
    }

    private void failed(Mailbox mailbox, MailboxSubscription previous, RuntimeException e) {
        log.warn("Subscription upkeep for {}/{} failed: {}", mailbox.tenantId(), mailbox.mailboxId(), e.toString());
        String error = String.valueOf(e.getMessage());
        save(new MailboxSubscription(mailbox.tenantId(), mailbox.mailboxId(),
                previous == null ? null : previous.subscriptionId(), previous == null ? null : previous.clientStateHash(),
                previous == null ? null : previous.expiresAt(), clock.instant().plus(Duration.ofMinutes(1)), Health.FAILING,
                error.length() > 500 ? error.substring(0, 500) : error));
    }

    private void save(MailboxSubscription s) {
        tx.executeWithoutResult(status -> subscriptions.save(s, clock.instant()));
    }

    @Override
    public void forget(String tenantId, String mailboxId) {
        Optional<MailboxSubscription> current = subscriptions.find(tenantId, mailboxId);
        subscriptions.delete(tenantId, mailboxId);
        current.map(MailboxSubscription::subscriptionId).ifPresent(id -> {
            Runnable delete = () -> graph.delete(tenantId, mailboxId, id).exceptionally(e -> {
                log.info("Could not delete subscription {} of {}/{} (it expires anyway): {}", id, tenantId, mailboxId, e.toString());
                return null;
            });
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        delete.run();
                    }
                });
            } else {
                delete.run();
            }
        });
    }

    /** Asks for upkeep of every subscription that is due or unhealthy; the worker does it within the mailbox's lease. */
    @Scheduled(initialDelayString = "${sync.subscriptions.check-interval:PT5M}",
            fixedDelayString = "${sync.subscriptions.check-interval:PT5M}")
    public int requestDueUpkeep() {
        Integer n = tx.execute(status -> {
            int count = 0;
            for (MailboxSubscription s : subscriptions.due(clock.instant())) {
                requestSync.request(new SyncRequests.Request(s.tenantId(), s.mailboxId(), "subscription-upkeep", false, false));
                count++;
            }
            return count;
        });
        return n == null ? 0 : n;
    }
}
