package io.calbridge.graph;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The process's one entry to Microsoft Graph. It owns what tenants share: the OkHttp connection pool, the virtual
 * threads that run calls, the timer that ends waits, and the pacing budgets, which are per app and mailbox (or
 * tenant) and so outlive a rotated credential. Hand out {@link TenantGraph}s with {@link #forTenant}.
 */
public final class GraphGateway implements AutoCloseable {
    private final GraphSettings settings;
    private final MeterRegistry registry;
    private final OkHttpClient http;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, PermitQueue> pacers = new ConcurrentHashMap<>();
    private final Map<String, PermitQueue> bulkheads = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, TenantGraph> graphs = new ConcurrentHashMap<>();

    /**
     * @param registry receives {@code calbridge.graph.calls} (by tenant, target and outcome), {@code calbridge.graph.retries},
     *                 {@code calbridge.graph.queued} and {@code calbridge.graph.circuit.open} (by tenant)
     */
    public GraphGateway(GraphSettings settings, MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings);
        this.registry = Objects.requireNonNull(registry);
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("graph-call-", 0).factory());
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("graph-timer").daemon().factory());
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        GraphSettings.Timeouts to = settings.timeouts();
        Dispatcher dispatcher = new Dispatcher(workers);
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(settings.bulkhead().maxConcurrentPerTenant() * 2, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .connectTimeout(to.connect())
                .readTimeout(to.read())
                .writeTimeout(to.write())
                .callTimeout(to.call())
                .retryOnConnectionFailure(false)
                .build();
        io.micrometer.core.instrument.Gauge.builder("calbridge.graph.queued", pacers,
                        m -> m.values().stream().mapToInt(PermitQueue::waiting).sum())
                .description("Graph calls waiting for a mailbox or directory budget").register(registry);
        // Idle budgets are dropped so that a process touching many mailboxes does not keep them all.
        timer.scheduleWithFixedDelay(this::retireIdlePacers, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * The Graph client for one tenant credential, created on first use and cached per tenant, app and credential
     * fingerprint. A rotated credential replaces the cached client of the same tenant and app.
     */
    public TenantGraph forTenant(TenantCredential credential) {
        String key = credential.tenantId() + "|" + credential.clientId();
        return graphs.compute(key, (k, existing) ->
                existing != null && existing.fingerprint().equals(credential.fingerprint())
                        ? existing
                        : new TenantGraph(this, credential));
    }

    GraphSettings settings() { return settings; }
    MeterRegistry registry() { return registry; }
    OkHttpClient http() { return http; }
    ExecutorService workers() { return workers; }
    ScheduledExecutorService timer() { return timer; }

    /** Queues on the budget for {@code target}, retrying the lookup if the queue was just retired as idle. */
    java.util.concurrent.CompletableFuture<PermitQueue.Permit> admit(String tenantId, String clientId, GraphTarget target,
                                                                     Priority priority, int permits, int tokens, PermitQueue[] chosen) {
        String key = clientId + "|" + tenantId + "|" + target.pacingKey();
        while (true) {
            PermitQueue queue = pacers.computeIfAbsent(key, k -> newPacer(k, tenantId, target));
            var admitted = queue.acquire(priority, permits, tokens);
            if (admitted != null) {
                chosen[0] = queue;
                return admitted;
            }
            pacers.remove(key, queue);
        }
    }

    /**
     * Adds to {@code calbridge.graph.throttled.wait}: time a call spent waiting because Graph throttled
     * ({@code retry-after}, {@code backoff} when a 429/503 came without one) or because our pacing held it back
     * ({@code pacing}: the window was spent, {@code paused}: the budget was held after another call's 429).
     */
    void recordThrottledWait(String tenantId, String reason, long nanos) {
        throttledWait(tenantId, reason).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Adds to {@code calbridge.graph.batch.steps}: one sub-response of a {@code $batch}, by status. The
     * {@code $batch} request itself is counted in {@code calbridge.graph.requests}.
     */
    void countBatchStep(String tenantId, int status) {
        io.micrometer.core.instrument.Counter.builder("calbridge.graph.batch.steps")
                .description("Sub-responses of Graph $batch requests, by status")
                .tag("tenant", tenantId).tag("status", Integer.toString(status)).register(registry).increment();
    }

    /** Registers the tenant's throttled-wait timers at zero, so dashboards see every series before the first wait. */
    void registerThrottledWaits(String tenantId) {
        for (String reason : new String[] {"retry-after", "backoff", "paused", "pacing"}) {
            throttledWait(tenantId, reason);
        }
    }

    private io.micrometer.core.instrument.Timer throttledWait(String tenantId, String reason) {
        return io.micrometer.core.instrument.Timer.builder("calbridge.graph.throttled.wait")
                .description("Time Graph calls waited for Retry-After or for the pacing budget")
                .tag("tenant", tenantId).tag("reason", reason).register(registry);
    }

    /** Holds the budget of {@code target} for {@code delay}, after Graph answered 429 with that {@code Retry-After}. */
    void pause(String tenantId, String clientId, GraphTarget target, java.time.Duration delay) {
        PermitQueue queue = pacers.get(clientId + "|" + tenantId + "|" + target.pacingKey());
        if (queue != null) queue.pauseUntil(System.nanoTime() + delay.toNanos());
    }

    PermitQueue bulkhead(String tenantId) {
        return bulkheads.computeIfAbsent(tenantId, t -> new PermitQueue("tenant " + t,
                settings.bulkhead().maxConcurrentPerTenant(), null, settings.bulkhead().maxQueuedPerKey(), workers, timer));
    }

    CircuitBreaker breaker(String tenantId) {
        return breakers.computeIfAbsent(tenantId, t -> {
            GraphSettings.Breaker b = settings.breaker();
            CircuitBreaker breaker = CircuitBreaker.of("graph-" + t, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(b.slidingWindowSize())
                    .minimumNumberOfCalls(b.minimumNumberOfCalls())
                    .failureRateThreshold(b.failureRateThreshold())
                    .waitDurationInOpenState(b.waitInOpenState())
                    .permittedNumberOfCallsInHalfOpenState(b.permittedCallsInHalfOpenState())
                    // We report outcomes ourselves: onError only for 5xx and timeouts, so any exception given is a failure.
                    .recordException(e -> true)
                    .build());
            io.micrometer.core.instrument.Gauge.builder("calbridge.graph.circuit.open", breaker,
                            cb -> cb.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                    .tag("tenant", t).description("1 while the tenant's circuit breaker is open").register(registry);
            return breaker;
        });
    }

    private PermitQueue newPacer(String key, String tenantId, GraphTarget target) {
        PermitQueue.ThrottledWaits waits = (reason, nanos) -> recordThrottledWait(tenantId, reason, nanos);
        GraphSettings.Pacing p = settings.pacing();
        long margin = p.windowMargin().toNanos();
        return switch (target) {
            case GraphTarget.Mailbox m -> new PermitQueue(key, p.mailboxConcurrency(),
                    new SlidingWindow(p.mailboxRequests(), p.mailboxWindow().toNanos() + margin),
                    settings.bulkhead().maxQueuedPerKey(), workers, timer, waits);
            case GraphTarget.Directory d -> new PermitQueue(key, p.directoryConcurrency(),
                    new SlidingWindow(p.directoryWrites(), p.directoryWriteWindow().toNanos() + margin),
                    settings.bulkhead().maxQueuedPerKey(), workers, timer, waits);
        };
    }

    private void retireIdlePacers() {
        long now = System.nanoTime();
        pacers.entrySet().removeIf(e -> e.getValue().retireIfIdle(now));
    }

    /** Stops the timer and the call threads and closes pooled connections; pending calls are abandoned. */
    @Override public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        http.connectionPool().evictAll();
    }
}
