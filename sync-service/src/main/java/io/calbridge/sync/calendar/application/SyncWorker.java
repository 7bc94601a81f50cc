package io.calbridge.sync.calendar.application;

import io.calbridge.messaging.TraceContext;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs requested delta rounds on virtual threads, never on a Kafka consumer thread. A dispatcher claims due
 * requests from the durable queue (a lease per mailbox, so one instance runs a mailbox at a time) up to
 * {@code concurrency} mailboxes at once; a failed run is retried with exponential back-off.
 *
 * <p>The lease is short ({@code sync.worker.lease}, 30 s by default) and a keeper thread renews the leases of the runs
 * still in progress every third of it, so a run longer than the lease keeps its mailbox, while the claims of an
 * instance that died (killed, crashed, cut off from the database) lapse one lease after its last renewal and another
 * instance, or its own restart, takes them over.
 */
public class SyncWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

    private final SyncRequests requests;
    private final Mailboxes mailboxes;
    private final SyncMailbox syncMailbox;
    private final SubscriptionKeeper subscriptions;
    private final SyncSignal signal;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String owner;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration lease;
    private final Duration renewEvery;
    private final Duration maxBackoff;
    private final Timer notificationLatency;
    private volatile boolean running;
    private final Set<SyncRequests.Claimed> inProgress = ConcurrentHashMap.newKeySet();
    private Thread dispatcher;
    private Thread leaseKeeper;
    private ExecutorService runs;
    private Semaphore permits;

    public SyncWorker(SyncRequests requests, Mailboxes mailboxes, SyncMailbox syncMailbox, SubscriptionKeeper subscriptions,
                      SyncSignal signal, TransactionTemplate tx, Clock clock, String owner, int concurrency,
                      Duration pollInterval, Duration lease, Duration maxBackoff, MeterRegistry meters) {
        this.requests = requests;
        this.mailboxes = mailboxes;
        this.syncMailbox = syncMailbox;
        this.subscriptions = subscriptions;
        this.signal = signal;
        this.tx = tx;
        this.clock = clock;
        this.owner = owner;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sync.worker.lease must be at least 1 s, was " + lease);
        }
        this.lease = lease;
        this.renewEvery = lease.dividedBy(3);
        this.maxBackoff = maxBackoff;
        this.notificationLatency = Timer.builder("calbridge.sync.notification.latency")
                .description("From a change notification reaching the webhook to the CalendarEventChanged it caused being written")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        releaseLeftoverClaims();
        permits = new Semaphore(concurrency);
        runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sync-run-", 0).factory());
        dispatcher = Thread.ofPlatform().daemon().name("sync-dispatcher").start(this::dispatch);
        leaseKeeper = Thread.ofPlatform().daemon().name("sync-lease-keeper").start(this::keepLeases);
        log.info("Sync worker {} started: up to {} mailboxes at once, lease {} renewed every {}", owner, concurrency,
                lease, renewEvery);
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal.signal();
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
        if (runs != null) {
            runs.shutdown();
            try {
                if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                    runs.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runs.shutdownNow();
            }
        }
        // Runs still going after that (interrupted, maybe stuck) keep their claims no longer than one lease.
        if (leaseKeeper != null) {
            leaseKeeper.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (so subscriptions can be validated) and the Kafka listeners. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** Under a stable name, claims still held by it are the runs of this instance's previous, killed process. */
    private void releaseLeftoverClaims() {
        try {
            Integer released = tx.execute(s -> requests.releaseAll(owner));
            if (released != null && released > 0) {
                log.info("Sync worker {} released {} claims its previous process left behind", owner, released);
            }
        } catch (RuntimeException e) {
            log.warn("Sync worker {} could not release leftover claims (they lapse with the lease): {}", owner, e.toString());
        }
    }

    private void dispatch() {
        while (running) {
            try {
                int free = permits.availablePermits();
                List<SyncRequests.Claimed> claimed = free == 0 ? List.of()
                        : tx.execute(s -> requests.claim(owner, free, lease, clock.instant()));
                for (SyncRequests.Claimed c : claimed) {
                    permits.acquire();
                    inProgress.add(c);
                    runs.execute(() -> {
                        try {
                            run(c);
                        } finally {
                            inProgress.remove(c);
                            permits.release();
                            signal.signal();
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    signal.await(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Sync dispatcher could not claim work: {}", e.toString());
                try {
                    signal.await(pollInterval.multipliedBy(10));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The heartbeat: renews the leases of the runs in progress every third of the lease, so two renewals may fail
     * (a slow or briefly unreachable database) before another instance could take a mailbox that is still running.
     */
    private void keepLeases() {
        // Until interrupted, not while running: runs draining during a graceful stop keep their claims too.
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(renewEvery);
                List<SyncRequests.Claimed> current = List.copyOf(inProgress);
                if (current.isEmpty()) {
                    continue;
                }
                List<SyncRequests.Claimed> kept = tx.execute(s -> requests.renew(owner, current, lease, clock.instant()));
                if (kept != null && kept.size() < current.size()) {
                    current.stream().filter(c -> !kept.contains(c) && inProgress.contains(c)).forEach(c -> log.warn(
                            "Delta run of {}/{} lost its claim (lease {} lapsed); another instance may run it too",
                            c.tenantId(), c.mailboxId(), lease));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Sync worker {} could not renew its leases: {}", owner, e.toString());
            }
        }
    }

    /** One claimed run: keep the subscription, run the delta round, then mark the request done or retry it later. */
    void run(SyncRequests.Claimed c) {
        // In the trace of the request (a notification's, an AccountConnected's), so the events it publishes continue it.
        try (var trace = TraceContext.continueOrStart(c.traceparent())) {
            runTraced(c);
        }
    }

    private void runTraced(SyncRequests.Claimed c) {
        Optional<Mailbox> mailbox = mailboxes.find(c.tenantId(), c.mailboxId());
        if (mailbox.isEmpty()) {
            tx.executeWithoutResult(s -> requests.forget(c.tenantId(), c.mailboxId()));
            return;
        }
        try {
            subscriptions.keep(mailbox.get(), c.checkSubscription());
        } catch (RuntimeException e) {
            log.warn("Subscription upkeep of {}/{} failed: {}", c.tenantId(), c.mailboxId(), e.toString());
        }
        try {
            SyncMailbox.Outcome outcome = syncMailbox.sync(mailbox.get(), c.rebaseline());
            if (c.notifiedAt() != null && outcome.reported() > 0) {
                // Each page's changes were committed to the outbox with the page; the last page ends the run.
                notificationLatency.record(Duration.between(c.notifiedAt(), clock.instant()).abs());
            }
            tx.executeWithoutResult(s -> {
                requests.complete(c);
                mailboxes.recordError(c.tenantId(), c.mailboxId(), null);
            });
        } catch (RuntimeException e) {
            Duration delay = backoff(c.attempts());
            log.warn("Delta run of {}/{} ({}) failed, attempt {}; retrying in {}: {}", c.tenantId(), c.mailboxId(),
                    c.reason(), c.attempts() + 1, delay, e.toString());
            String error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
            tx.executeWithoutResult(s -> {
                requests.retryLater(c, clock.instant().plus(delay), clock.instant());
                mailboxes.recordError(c.tenantId(), c.mailboxId(), error.length() > 500 ? error.substring(0, 500) : error);
            });
        }
    }

    private Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1).multipliedBy(1L << Math.min(attempts, 16));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
