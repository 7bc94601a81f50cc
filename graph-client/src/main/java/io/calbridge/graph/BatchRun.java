package io.calbridge.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One {@link TenantGraph#batch} call: rounds of at most 20 steps, each round one {@code $batch} HTTP request run
 * through the tenant's paced, retried {@code execute}. Steps that come back throttled or transiently failed (and
 * the dependants Graph failed with 424 because of them) go into a later round; nothing that succeeded or failed
 * for good is sent again.
 */
final class BatchRun {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatchRun.class);
    private final TenantGraph graph;
    private final GraphTarget target;
    private final Priority priority;
    private final int maxAttempts;
    private final int maxBatch;
    private final List<Prepared> order;
    private final Map<String, Prepared> byId = new HashMap<>();
    private final Map<String, String> canonical = new HashMap<>();
    private final Map<String, BatchResult.Step> done = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final CompletableFuture<BatchResult> result = new CompletableFuture<>();
    private int httpBatches;

    /** A step read once into what the batch JSON needs, so that a resend does not re-read a consumed body stream. */
    private record Prepared(String id, String method, String url, Map<String, String> headers, @Nullable JsonElement body,
                            List<String> dependsOn) {}

    private record Sent(JsonArray responses, @Nullable String requestId, String clientRequestId) {}

    BatchRun(TenantGraph graph, GraphTarget target, Priority priority, List<BatchStep> steps) {
        this.graph = graph;
        this.target = target;
        this.priority = priority;
        this.maxAttempts = graph.settings().retry().maxAttempts();
        this.maxBatch = graph.settings().pacing().maxBatchSize();
        String base = graph.sdk().getRequestAdapter().getBaseUrl();
        // Graph compares ids without case; results keep the caller's spelling.
        for (BatchStep step : steps) {
            if (canonical.putIfAbsent(step.id().toLowerCase(Locale.ROOT), step.id()) != null) {
                throw new IllegalArgumentException("duplicate batch step id " + step.id());
            }
        }
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        for (BatchStep step : steps) {
            List<String> deps = new ArrayList<>();
            for (String dep : step.dependsOn()) {
                String id = canonical.get(dep.toLowerCase(Locale.ROOT));
                if (id == null) throw new IllegalArgumentException("step " + step.id() + " depends on unknown step " + dep);
                deps.add(id);
            }
            prepared.put(step.id(), prepare(step, base, deps));
        }
        this.order = topological(prepared);
        for (Prepared p : order) byId.put(p.id(), p);
    }

    CompletableFuture<BatchResult> start() {
        nextRound(Duration.ZERO);
        return result;
    }

    private void nextRound(Duration delay) {
        if (delay.isZero()) graph.gateway().workers().execute(this::round);
        else graph.gateway().timer().schedule(() -> graph.gateway().workers().execute(this::round), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Picks the next ≤20 ready steps in dependency order and sends them. */
    private void round() {
        try {
            List<Prepared> chunk = new ArrayList<>();
            Set<String> inChunk = new HashSet<>();
            Map<String, List<String>> sentDeps = new HashMap<>();
            for (Prepared p : order) {
                if (done.containsKey(p.id())) continue;
                if (chunk.size() == maxBatch) break;
                String failedDep = p.dependsOn().stream().filter(d -> done.containsKey(d) && !done.get(d).succeeded()).findFirst().orElse(null);
                if (failedDep != null) {
                    fail424(p.id(), root(failedDep));
                    continue;
                }
                boolean ready = p.dependsOn().stream().allMatch(d -> done.containsKey(d) || inChunk.contains(d));
                if (!ready) continue;
                chunk.add(p);
                inChunk.add(p.id());
                // A dependency that already succeeded in an earlier batch is not named again: Graph only knows this batch's ids.
                sentDeps.put(p.id(), p.dependsOn().stream().filter(inChunk::contains).toList());
            }
            if (chunk.isEmpty()) {
                if (done.size() == order.size()) {
                    result.complete(new BatchResult(inGivenOrder(), httpBatches));
                } else {
                    nextRound(Duration.ZERO); // only 424s were resolved in this pass; their dependants come next
                }
                return;
            }
            boolean mailbox = target instanceof GraphTarget.Mailbox;
            int writes = (int) chunk.stream().filter(p -> CallContext.isWrite(p.method())).count();
            int tokens = mailbox ? chunk.size() : writes;
            // Graph runs up to four requests of a batch at once against a mailbox; hold as many of its permits.
            int permits = mailbox ? Math.min(4, chunk.size()) : 1;
            String body = json(chunk, sentDeps).toString();
            graph.execute(target, priority, permits, tokens, true, sdk -> send(sdk.getRequestAdapter(), body))
                    .whenComplete((sent, failure) -> {
                        try {
                            if (failure != null) {
                                whole(chunk, Failures.unwrap(failure));
                            } else {
                                httpBatches++;
                                Duration wait = absorb(chunk, sentDeps, sent);
                                nextRound(wait);
                                return;
                            }
                            nextRound(Duration.ZERO);
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** The whole $batch request failed for good (circuit open, credential, retries exhausted): so did each of its steps. */
    private void whole(List<Prepared> chunk, Throwable failure) {
        GraphFailure f = failure instanceof GraphFailure g ? g
                : new GraphFailure.Transient(0, "BatchFailed", String.valueOf(failure.getMessage()), null, "", failure);
        for (Prepared p : chunk) {
            attempts.merge(p.id(), 1, Integer::sum);
            done.put(p.id(), new BatchResult.Step(p.id(), f.status(), Map.of(), null, f, null, attempts.get(p.id())));
        }
    }

    /** Records each sub-response; returns how long to wait before the next round (the longest Retry-After of a step to resend). */
    private Duration absorb(List<Prepared> chunk, Map<String, List<String>> sentDeps, Sent sent) {
        Map<String, JsonObject> responses = new HashMap<>();
        for (JsonElement e : sent.responses()) {
            JsonObject r = e.getAsJsonObject();
            String id = canonical.get(r.get("id").getAsString().toLowerCase(Locale.ROOT));
            if (id != null) responses.put(id, r);
        }
        Set<String> resend = new HashSet<>();
        Duration wait = Duration.ZERO;
        boolean throttled = false;
        List<Prepared> dependants = new ArrayList<>();
        for (Prepared p : chunk) {
            JsonObject r = responses.get(p.id());
            attempts.merge(p.id(), 1, Integer::sum);
            if (r == null) {
                done.put(p.id(), failedStep(p, new Failures.Answer(502, "MissingBatchResponse",
                        "Graph's $batch response had no entry for this step", sent.requestId(), null, null), Map.of(), null, sent));
                continue;
            }
            int status = r.get("status").getAsInt();
            graph.gateway().countBatchStep(graph.tenantId(), status);
            Map<String, String> headers = headers(r);
            String body = r.has("body") && !r.get("body").isJsonNull() ? r.get("body").toString() : null;
            if (status == 424) {
                dependants.add(p);
                continue;
            }
            if (status < 400) {
                done.put(p.id(), new BatchResult.Step(p.id(), status, headers, body, null, null, attempts.get(p.id())));
                continue;
            }
            Failures.Answer answer = answer(status, headers, r.get("body"), sent.requestId());
            if (answer.retryable() && attempts.get(p.id()) < maxAttempts) {
                resend.add(p.id());
                throttled |= status == 429;
                Duration d = answer.retryAfter() != null ? answer.retryAfter() : graph.backoff(attempts.get(p.id()));
                if (d.compareTo(wait) > 0) wait = d;
                continue;
            }
            done.put(p.id(), failedStep(p, answer, headers, body, sent));
        }
        // Graph failed these with 424 because a dependency in this batch failed: find which, and whether it will be resent.
        for (Prepared p : dependants) {
            String cause = causeInChunk(p.id(), sentDeps, resend);
            if (cause == null || resend.contains(cause)) {
                attempts.merge(p.id(), -1, Integer::sum); // it never ran, so it was not an attempt
                resend.add(p.id());
            } else {
                fail424(p.id(), root(cause));
            }
        }
        // A throttled step means this app's budget on the mailbox is spent: hold everyone, not only this batch.
        if (throttled && !wait.isZero()) {
            graph.gateway().pause(graph.tenantId(), graph.clientId(), target, wait);
            graph.gateway().recordThrottledWait(graph.tenantId(), "retry-after", wait.toNanos());
        }
        if (!resend.isEmpty()) {
            log.debug("$batch for tenant {}: resending {} in {} (client-request-id={}, request-id={})",
                    graph.tenantId(), resend, wait, sent.clientRequestId(), sent.requestId());
        }
        return wait;
    }

    /** The first dependency (depth first) that is being resent or that failed; null if none is known. */
    private @Nullable String causeInChunk(String id, Map<String, List<String>> sentDeps, Set<String> resend) {
        for (String dep : sentDeps.getOrDefault(id, List.of())) {
            if (resend.contains(dep)) return dep;
            BatchResult.Step s = done.get(dep);
            if (s != null && !s.succeeded()) return dep;
            String deeper = causeInChunk(dep, sentDeps, resend);
            if (deeper != null) return deeper;
        }
        return null;
    }

    private String root(String failedId) {
        BatchResult.Step s = done.get(failedId);
        return s != null && s.failedDependency() != null ? s.failedDependency() : failedId;
    }

    private void fail424(String id, String rootCause) {
        BatchResult.Step cause = done.get(rootCause);
        GraphFailure failure = cause == null ? null : cause.failure();
        done.put(id, new BatchResult.Step(id, 424, Map.of(), null, failure, rootCause, attempts.getOrDefault(id, 0)));
    }

    private BatchResult.Step failedStep(Prepared p, Failures.Answer answer, Map<String, String> headers, @Nullable String body, Sent sent) {
        GraphFailure f = Failures.toFailure(answer, target, sent.clientRequestId());
        return new BatchResult.Step(p.id(), answer.status(), headers, body, f, null, attempts.get(p.id()));
    }

    private static Failures.Answer answer(int status, Map<String, String> headers, @Nullable JsonElement body, @Nullable String outerRequestId) {
        String code = "HTTP" + status;
        String message = "";
        String requestId = headers.getOrDefault("request-id", outerRequestId);
        if (body != null && body.isJsonObject() && body.getAsJsonObject().has("error")) {
            JsonObject error = body.getAsJsonObject().getAsJsonObject("error");
            if (error.has("code")) code = error.get("code").getAsString();
            if (error.has("message")) message = error.get("message").getAsString();
            JsonObject inner = error.has("innerError") ? error.getAsJsonObject("innerError")
                    : error.has("innererror") ? error.getAsJsonObject("innererror") : null;
            if (inner != null && inner.has("request-id")) requestId = inner.get("request-id").getAsString();
        }
        return new Failures.Answer(status, code, message, requestId, Failures.retryAfter(headers.get("retry-after")), null);
    }

    private static Map<String, String> headers(JsonObject response) {
        Map<String, String> out = new LinkedHashMap<>();
        if (response.has("headers") && response.get("headers").isJsonObject()) {
            for (var e : response.getAsJsonObject("headers").entrySet()) {
                out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
            }
        }
        return out;
    }

    private Map<String, BatchResult.Step> inGivenOrder() {
        Map<String, BatchResult.Step> out = new LinkedHashMap<>();
        for (Prepared p : order) out.put(p.id(), done.get(p.id()));
        return out;
    }

    /** Runs inside {@code execute}: one HTTP {@code POST /$batch}, returning Graph's {@code responses}. */
    private static Sent send(RequestAdapter adapter, String body) {
        RequestInformation post = new RequestInformation(HttpMethod.POST, "{+baseurl}/$batch", new HashMap<>());
        post.pathParameters.put("baseurl", adapter.getBaseUrl());
        post.headers.add("Accept", "application/json");
        post.setStreamContent(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "application/json");
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        CallContext ctx = CallContext.current();
        try (InputStream in = adapter.sendPrimitive(post, errors, InputStream.class)) {
            if (in == null) throw new IllegalStateException("$batch answered without a body");
            JsonObject json = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Sent(json.getAsJsonArray("responses"), ctx == null ? null : ctx.lastRequestId,
                    ctx == null ? "" : ctx.clientRequestId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject json(List<Prepared> chunk, Map<String, List<String>> sentDeps) {
        JsonArray requests = new JsonArray();
        for (Prepared p : chunk) {
            JsonObject r = new JsonObject();
            r.addProperty("id", p.id());
            r.addProperty("method", p.method());
            r.addProperty("url", p.url());
            JsonObject headers = new JsonObject();
            p.headers().forEach(headers::addProperty);
            r.add("headers", headers);
            if (p.body() != null) r.add("body", p.body());
            List<String> deps = sentDeps.get(p.id());
            if (deps != null && !deps.isEmpty()) {
                JsonArray d = new JsonArray();
                deps.forEach(d::add);
                r.add("dependsOn", d);
            }
            requests.add(r);
        }
        JsonObject batch = new JsonObject();
        batch.add("requests", requests);
        return batch;
    }

    private static Prepared prepare(BatchStep step, String base, List<String> deps) {
        RequestInformation info = step.request();
        // Request builders capture the SDK's default base URL; the adapter substitutes its own at send time, and so do we.
        info.pathParameters.put("baseurl", base);
        String method = info.httpMethod.toString();
        String uri;
        try {
            uri = info.getUri().toString();
        } catch (URISyntaxException | IllegalStateException e) {
            throw new IllegalArgumentException("step " + step.id() + " has no usable URL: " + e.getMessage(), e);
        }
        if (!uri.startsWith(base)) {
            throw new IllegalArgumentException("step " + step.id() + " was not built by this tenant's SDK client: " + uri);
        }
        String url = uri.substring(base.length());
        if (!url.startsWith("/")) url = "/" + url;
        // Header names go in lower case: they are case-insensitive, and some batch parsers (the emulator's) are not.
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : info.headers.keySet()) headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", info.headers.get(name)));
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        headers.put("prefer", GraphHeadersInterceptor.prefer(headers.get("prefer"), method, path));
        JsonElement body = null;
        if (info.content != null) {
            try {
                byte[] bytes = info.content.readAllBytes();
                if (bytes.length > 0) {
                    body = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
                    headers.putIfAbsent("content-type", "application/json");
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("step " + step.id() + " body is not JSON; only JSON bodies can be batched", e);
            }
        }
        return new Prepared(step.id(), method, url, headers, body, List.copyOf(deps));
    }

    /** Kahn's algorithm, stable in the given order; a cycle is a caller error. */
    private static List<Prepared> topological(Map<String, Prepared> steps) {
        List<Prepared> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (out.size() < steps.size()) {
            boolean progress = false;
            for (Prepared p : steps.values()) {
                if (placed.contains(p.id())) continue;
                if (placed.containsAll(p.dependsOn())) {
                    out.add(p);
                    placed.add(p.id());
                    progress = true;
                }
            }
            if (!progress) throw new IllegalArgumentException("batch steps have a dependsOn cycle");
        }
        return out;
    }
}
