package io.calbridge.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the Graph access layer. The defaults are Microsoft's published limits (GRAPH-FACTS §1);
 * a deployment or a test against the emulator changes numbers here, never code.
 *
 * @param scope              the client-credentials scope, {@code https://graph.microsoft.com/.default}
 * @param tokenRefreshMargin a token this close to expiry is refreshed before use
 */
public record GraphSettings(Pacing pacing, Retry retry, Timeouts timeouts, Breaker breaker, Bulkhead bulkhead,
                            String scope, Duration tokenRefreshMargin) {

    public GraphSettings {
        Objects.requireNonNull(pacing);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(breaker);
        Objects.requireNonNull(bulkhead);
    }

    public static GraphSettings defaults() {
        return new GraphSettings(Pacing.defaults(), Retry.defaults(), Timeouts.defaults(), Breaker.defaults(),
                Bulkhead.defaults(), "https://graph.microsoft.com/.default", Duration.ofMinutes(5));
    }

    public GraphSettings withPacing(Pacing p) { return new GraphSettings(p, retry, timeouts, breaker, bulkhead, scope, tokenRefreshMargin); }
    public GraphSettings withRetry(Retry r) { return new GraphSettings(pacing, r, timeouts, breaker, bulkhead, scope, tokenRefreshMargin); }
    public GraphSettings withTimeouts(Timeouts t) { return new GraphSettings(pacing, retry, t, breaker, bulkhead, scope, tokenRefreshMargin); }
    public GraphSettings withBreaker(Breaker b) { return new GraphSettings(pacing, retry, timeouts, b, bulkhead, scope, tokenRefreshMargin); }
    public GraphSettings withBulkhead(Bulkhead b) { return new GraphSettings(pacing, retry, timeouts, breaker, b, scope, tokenRefreshMargin); }
    public GraphSettings withScope(String s) { return new GraphSettings(pacing, retry, timeouts, breaker, bulkhead, s, tokenRefreshMargin); }
    public GraphSettings withTokenRefreshMargin(Duration m) { return new GraphSettings(pacing, retry, timeouts, breaker, bulkhead, scope, m); }

    /**
     * Client-side budgets, kept at or under Graph's so that our own concurrency never causes a 429.
     *
     * @param mailboxConcurrency       requests in flight per app and mailbox (Outlook: 4)
     * @param mailboxRequests          requests per app and mailbox per {@code mailboxWindow} (Outlook: 10,000 per 10 min)
     * @param directoryConcurrency     directory calls in flight per app and tenant (no published limit; keeps bursts small)
     * @param directoryWrites          directory writes per app and tenant per {@code directoryWriteWindow} (3,000 per 150 s)
     * @param windowMargin             added to each window, so requests delayed in transit do not land inside Graph's window
     * @param maxBatchSize             requests per {@code $batch} (Graph: 20)
     */
    public record Pacing(int mailboxConcurrency, int mailboxRequests, Duration mailboxWindow,
                         int directoryConcurrency, int directoryWrites, Duration directoryWriteWindow,
                         Duration windowMargin, int maxBatchSize) {
        public Pacing {
            if (mailboxConcurrency < 1 || directoryConcurrency < 1 || mailboxRequests < 1 || directoryWrites < 1) {
                throw new IllegalArgumentException("pacing limits must be positive");
            }
            if (maxBatchSize < 1 || maxBatchSize > 20) throw new IllegalArgumentException("maxBatchSize must be 1..20");
        }

        public static Pacing defaults() {
            return new Pacing(4, 10_000, Duration.ofMinutes(10), 16, 3_000, Duration.ofSeconds(150), Duration.ofSeconds(2), 20);
        }

        public Pacing withMailbox(int concurrency, int requests, Duration window) {
            return new Pacing(concurrency, requests, window, directoryConcurrency, directoryWrites, directoryWriteWindow, windowMargin, maxBatchSize);
        }

        public Pacing withDirectoryWrites(int writes, Duration window) {
            return new Pacing(mailboxConcurrency, mailboxRequests, mailboxWindow, directoryConcurrency, writes, window, windowMargin, maxBatchSize);
        }

        public Pacing withWindowMargin(Duration margin) {
            return new Pacing(mailboxConcurrency, mailboxRequests, mailboxWindow, directoryConcurrency, directoryWrites, directoryWriteWindow, margin, maxBatchSize);
        }
    }

    /**
     * Our retries of 429, 503 and 504 (and of connection failures that never reached Graph); the SDK's own retry handler is removed.
     *
     * @param maxAttempts    attempts in total, including the first
     * @param initialBackoff first back-off when Graph sends no {@code Retry-After}; doubles per attempt, with jitter
     * @param maxRetryAfter  a longer {@code Retry-After} is not waited for: the call fails with {@link GraphFailure.Throttled}
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        public Retry {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        }

        public static Retry defaults() {
            return new Retry(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(180));
        }
    }

    /** OkHttp timeouts for Graph and Entra ID; {@code call} bounds one HTTP exchange end to end. */
    public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(100));
        }
    }

    /**
     * The per-tenant circuit breaker, which counts 5xx responses and timeouts as failures and everything else as success.
     *
     * @param failureRateThreshold percent of failed calls in the window that opens the circuit
     */
    public record Breaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                          Duration waitInOpenState, int permittedCallsInHalfOpenState) {
        public static Breaker defaults() {
            return new Breaker(50f, 50, 20, Duration.ofSeconds(30), 3);
        }
    }

    /**
     * Keeps one tenant from using all of the process's connections.
     *
     * @param maxConcurrentPerTenant HTTP calls in flight per tenant
     * @param maxQueuedPerKey        calls waiting per tenant and per mailbox; beyond it calls fail fast with {@link GraphFailure.Transient}
     */
    public record Bulkhead(int maxConcurrentPerTenant, int maxQueuedPerKey) {
        public static Bulkhead defaults() {
            return new Bulkhead(64, 50_000);
        }
    }
}
