package io.calbridge.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Graph for one tenant credential: the SDK client to build requests with, and {@link #call} and
 * {@link #batch} to run them paced, retried and guarded. Obtain one from {@link GraphGateway#forTenant}.
 *
 * <p>Calls never block the caller: they wait in non-blocking queues and run on virtual threads. Use the SDK
 * client directly only inside {@code call}/{@code batch}; a request sent outside them is not paced or retried.
 */
public final class TenantGraph {
    private static final Logger log = LoggerFactory.getLogger(TenantGraph.class);

    private final GraphGateway gateway;
    private final TenantCredential credential;
    private final GraphSettings settings;
    private final TokenSource tokens;
    private final GraphServiceClient sdk;
    private final CircuitBreaker breaker;
    private final PermitQueue bulkhead;
    private final MeterRegistry registry;

    TenantGraph(GraphGateway gateway, TenantCredential credential) {
        this.gateway = gateway;
        this.credential = credential;
        this.settings = gateway.settings();
        this.registry = gateway.registry();
        this.tokens = new TokenSource(credential, settings, gateway.workers());
        this.breaker = gateway.breaker(credential.tenantId());
        this.bulkhead = gateway.bulkhead(credential.tenantId());
        gateway.registerThrottledWaits(credential.tenantId());

        // Derived from the shared client, so the connection pool and dispatcher are shared across tenants.
        OkHttpClient.Builder http = gateway.http().newBuilder();
        http.interceptors().clear();
        http.addInterceptor(new GraphHeadersInterceptor(registry, credential.tenantId()));
        for (Interceptor i : GraphClientFactory.createDefaultGraphInterceptors(new GraphClientOption())) {
            // The SDK's RetryHandler sleeps on the calling thread and cannot see our budgets: our layer retries instead.
            if (!(i instanceof RetryHandler)) http.addInterceptor(i);
        }
        if (credential.trust() != null) {
            http.sslSocketFactory(credential.trust().sslContext().getSocketFactory(), credential.trust().trustManager());
        }
        this.sdk = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http.build());
        this.sdk.getRequestAdapter().setBaseUrl(credential.graphBase());
    }

    public String tenantId() { return credential.tenantId(); }

    public String clientId() { return credential.clientId(); }

    /** When the credential stops working (secret end date or certificate notAfter); null when unknown. */
    public @Nullable Instant credentialExpiresAt() { return credential.expiresAt(); }

    /** The SDK client, with tokens from MSAL (cache first) and our headers; for building requests inside {@link #call} and {@link #batch}. */
    public GraphServiceClient sdk() { return sdk; }

    public CircuitState circuitState() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
    }

    /**
     * Fetches (or takes from the cache) an app-only token and returns its expiry, roles and the credential's
     * expiry, for connection tests. Fails with {@link GraphFailure.CredentialInvalid} or {@link GraphFailure.CredentialExpired}.
     */
    public CompletableFuture<TokenInfo> acquireToken() {
        String clientRequestId = UUID.randomUUID().toString();
        return tokens.info().exceptionallyCompose(e -> CompletableFuture.failedFuture(Failures.fromToken(e, clientRequestId)));
    }

    /**
     * Runs {@code request} (one Graph operation built on the SDK client, e.g. {@code sdk -> sdk.users().byUserId(id).get()})
     * for {@code target}, within the target's pacing budget, this tenant's bulkhead and circuit breaker. 429, 503 and 504
     * are retried after {@code Retry-After} (else exponential back-off with jitter). The future completes on a virtual
     * thread, exceptionally with a {@link GraphFailure}.
     *
     * <p>The function may run more than once (once per attempt), so it must only build and send the request.
     * Cancelling the returned future (or {@code orTimeout}) before the call is admitted means nothing is sent.
     */
    public <T> CompletableFuture<T> call(GraphTarget target, Priority priority, Function<GraphServiceClient, T> request) {
        return execute(target, priority, 1, target instanceof GraphTarget.Mailbox ? 1 : 0, false, request);
    }

    /**
     * Sends {@code steps} as {@code $batch} requests of at most 20, in dependency order (a step whose dependency went
     * in an earlier batch follows once it succeeded). Throttled and transiently failed steps are sent again, alone
     * with their dependants; every other step runs once. Each step draws on the target's pacing budget.
     */
    public CompletableFuture<BatchResult> batch(GraphTarget target, Priority priority, List<BatchStep> steps) {
        try {
            return new BatchRun(this, target, priority, steps).start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // --- the engine ---------------------------------------------------------------------------------------------

    String fingerprint() { return credential.fingerprint(); }

    GraphSettings settings() { return settings; }

    GraphGateway gateway() { return gateway; }

    /**
     * Runs {@code work} with {@code permits} of the target's concurrency and {@code tokens} of its window, retrying
     * per {@link GraphSettings.Retry}. With {@code precharged} the interceptor charges nothing more (a {@code $batch}).
     */
    <T> CompletableFuture<T> execute(GraphTarget target, Priority priority, int permits, int tokens, boolean precharged,
                                     Function<GraphServiceClient, T> work) {
        Attempt<T> call = new Attempt<>(target, priority, permits, tokens, precharged, work, UUID.randomUUID().toString(),
                new CompletableFuture<>());
        attempt(call, 1);
        return call.result;
    }

    private record Attempt<T>(GraphTarget target, Priority priority, int permits, int tokens, boolean precharged,
                              Function<GraphServiceClient, T> work, String clientRequestId, CompletableFuture<T> result) {}

    private <T> void attempt(Attempt<T> call, int n) {
        PermitQueue[] pacer = new PermitQueue[1];
        gateway.admit(credential.tenantId(), credential.clientId(), call.target(), call.priority(), call.permits(), call.tokens(), pacer)
                // Async: an admission that is already complete must still not run the call on the caller's thread.
                .whenCompleteAsync((pacePermit, queueFull) -> {
                    if (queueFull != null) {
                        finish(call, n, queueFailure(call, queueFull));
                        return;
                    }
                    var admitted = bulkhead.acquire(call.priority(), 1, 0);
                    if (admitted == null) throw new IllegalStateException("tenant bulkhead retired");
                    admitted.whenCompleteAsync((tenantPermit, full) -> {
                        if (full != null) {
                            pacePermit.release();
                            finish(call, n, queueFailure(call, full));
                            return;
                        }
                        run(call, n, pacer[0], pacePermit, tenantPermit);
                    }, gateway.workers());
                }, gateway.workers());
    }

    /** Runs one attempt on the virtual thread that admission completed on. */
    private <T> void run(Attempt<T> call, int n, PermitQueue pacer, PermitQueue.Permit pacePermit, PermitQueue.Permit tenantPermit) {
        if (call.result().isDone()) { // the caller cancelled or timed out (orTimeout) while it waited: send nothing
            pacePermit.release();
            tenantPermit.release();
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            pacePermit.release();
            tenantPermit.release();
            finish(call, n, new GraphFailure.CircuitOpen(credential.tenantId(), call.clientRequestId()));
            return;
        }
        CallContext ctx = new CallContext(call.clientRequestId(), pacer, pacePermit, call.target() instanceof GraphTarget.Mailbox, call.precharged());
        long start = System.nanoTime();
        T value;
        ctx.bind();
        try {
            value = call.work().apply(sdk);
        } catch (Throwable thrown) {
            pacePermit.release();
            tenantPermit.release();
            failed(call, n, ctx, pacer, thrown, System.nanoTime() - start);
            return;
        } finally {
            CallContext.unbind();
        }
        pacePermit.release();
        tenantPermit.release();
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        count(call.target(), "success");
        call.result().complete(value);
    }

    private <T> void failed(Attempt<T> call, int n, CallContext ctx, PermitQueue pacer, Throwable thrown, long nanos) {
        Failures.Answer answer = Failures.read(thrown, ctx);
        if (answer == null) {
            breaker.releasePermission();
            Throwable cause = Failures.unwrap(thrown);
            if (cause instanceof GraphFailure || cause instanceof com.microsoft.aad.msal4j.MsalException) {
                // The token could not be had; Entra ID outages are retried like Graph's.
                GraphFailure failure = Failures.fromToken(cause, call.clientRequestId());
                if (failure instanceof GraphFailure.Transient && n < settings.retry().maxAttempts()) {
                    retryLater(call, n, backoff(n), "token");
                } else {
                    finish(call, n, failure);
                }
            } else {
                call.result().completeExceptionally(cause); // a bug in the request function, not a Graph outcome
            }
            return;
        }
        if (answer.breakerFailure()) breaker.onError(nanos, TimeUnit.NANOSECONDS, thrown);
        else breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);

        if (answer.status() == 401 && n == 1) {
            tokens.invalidate();
            retryLater(call, n, Duration.ZERO, "401");
            return;
        }
        boolean retryable = answer.retryable() || Failures.networkRetryable(answer, ctx);
        Duration retryAfter = answer.retryAfter();
        if (retryAfter != null && retryAfter.compareTo(settings.retry().maxRetryAfter()) > 0) retryable = false;
        if (retryable && n < settings.retry().maxAttempts()) {
            Duration delay = retryAfter != null ? retryAfter : backoff(n);
            if (answer.status() == 429 || answer.status() == 503) {
                // Graph throttles per app and mailbox: hold everyone for this mailbox, not only this call.
                pacer.pauseUntil(System.nanoTime() + delay.toNanos());
                gateway.recordThrottledWait(credential.tenantId(), retryAfter != null ? "retry-after" : "backoff", delay.toNanos());
            }
            log.debug("Graph {} {} for tenant {}, attempt {} retried in {} (client-request-id={}, request-id={})",
                    answer.status(), answer.code(), credential.tenantId(), n, delay, call.clientRequestId(), answer.requestId());
            retryLater(call, n, delay, String.valueOf(answer.status()));
            return;
        }
        finish(call, n, Failures.toFailure(answer, call.target(), call.clientRequestId()));
    }

    private <T> void retryLater(Attempt<T> call, int n, Duration delay, String reason) {
        registry.counter("calbridge.graph.retries", "tenant", credential.tenantId(), "reason", reason).increment();
        // The timer thread only re-queues; the attempt itself runs on a virtual thread once admitted.
        gateway.timer().schedule(() -> attempt(call, n + 1), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private <T> void finish(Attempt<T> call, int n, GraphFailure failure) {
        count(call.target(), failure.getClass().getSimpleName());
        boolean answerToCaller = failure instanceof GraphFailure.NotFound || failure instanceof GraphFailure.BadRequest
                || failure instanceof GraphFailure.Rejected || failure instanceof GraphFailure.AccessDenied;
        if (answerToCaller) {
            log.info("Graph call for tenant {} failed after {} attempt(s): {}", credential.tenantId(), n, failure.getMessage());
        } else {
            log.warn("Graph call for tenant {} failed after {} attempt(s): {}", credential.tenantId(), n, failure.getMessage());
        }
        call.result().completeExceptionally(failure);
    }

    private GraphFailure queueFailure(Attempt<?> call, Throwable e) {
        return new GraphFailure.Transient(0, "ClientQueueFull", String.valueOf(Failures.unwrap(e).getMessage()), null,
                call.clientRequestId(), null);
    }

    /** Exponential back-off with equal jitter: half the step fixed, half random. */
    Duration backoff(int attempt) {
        GraphSettings.Retry r = settings.retry();
        long base = r.initialBackoff().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(base, r.maxBackoff().toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private void count(GraphTarget target, String outcome) {
        registry.counter("calbridge.graph.calls", "tenant", credential.tenantId(),
                "target", target instanceof GraphTarget.Mailbox ? "mailbox" : "directory", "outcome", outcome).increment();
    }
}
