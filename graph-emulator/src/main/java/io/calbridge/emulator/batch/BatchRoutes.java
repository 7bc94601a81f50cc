package io.calbridge.emulator.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.GraphPipeline;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.ErrorBody;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /$batch} (GRAPH-FACTS §2): at most 20 requests with unique ids; each runs through the full
 * pipeline (so it is throttled and scoped on its own); requests without {@code dependsOn} run at most
 * four at a time; a request whose dependency did not succeed gets 424. The outer status is 200 unless
 * the batch itself is malformed (400).
 */
public final class BatchRoutes {
    private final GraphPipeline pipeline;
    private final Clock clock;

    public BatchRoutes(GraphPipeline pipeline, Clock clock) {
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.of("POST", "/$batch", Route.Kind.BATCH, this::batch));
    }

    private record Item(String id, String method, String url, Map<String, String> headers, JsonNode body, List<String> dependsOn) {}

    private GraphResponse batch(GraphRequest r, Map<String, String> p) {
        ObjectNode b = r.json();
        JsonNode requests = b.get("requests");
        if (requests == null || !requests.isArray()) throw new GraphException(400, "BadRequest", "Invalid batch payload format.");
        if (requests.size() > 20) throw new GraphException(400, "BadRequest", "The number of batch requests exceeds the maximum of 20.");
        Map<String, Item> items = new LinkedHashMap<>();
        for (JsonNode q : requests) {
            String id = Json.text(q, "id");
            String method = Json.text(q, "method");
            String url = Json.text(q, "url");
            if (id == null || method == null || url == null) throw new GraphException(400, "BadRequest", "Each batch request needs id, method and url.");
            if (items.containsKey(id.toLowerCase(Locale.ROOT))) throw new GraphException(400, "BadRequest", "Batch request ids must be unique: '" + id + "'.");
            Map<String, String> headers = new HashMap<>();
            q.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            JsonNode body = q.get("body");
            if (body != null && !body.isNull() && !headers.containsKey("content-type")) {
                throw new GraphException(400, "BadRequest", "Content-Type header is required when a body is present (request '" + id + "').");
            }
            List<String> deps = new ArrayList<>();
            q.path("dependsOn").forEach(d -> deps.add(d.asText().toLowerCase(Locale.ROOT)));
            items.put(id.toLowerCase(Locale.ROOT), new Item(id, method.toUpperCase(Locale.ROOT), url, headers, body, deps));
        }
        for (Item i : items.values()) {
            for (String d : i.dependsOn()) {
                if (!items.containsKey(d)) throw new GraphException(400, "BadRequest", "Request '" + i.id() + "' depends on unknown request '" + d + "'.");
            }
        }
        Map<String, ObjectNode> results = new ConcurrentHashMap<>();
        Map<String, Future<ObjectNode>> running = new ConcurrentHashMap<>();
        Semaphore parallel = new Semaphore(4);
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Item i : items.values()) start(i, items, running, results, parallel, r, exec);
            for (String k : items.keySet()) {
                try {
                    running.get(k).get();
                } catch (Exception e) {
                    results.put(k, failure(items.get(k), 500, "generalException", "Batch item failed: " + e));
                }
            }
        }
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("responses");
        for (String k : items.keySet()) responses.add(results.get(k));
        return GraphResponse.ok(out, null);
    }

    private Future<ObjectNode> start(Item i, Map<String, Item> items, Map<String, Future<ObjectNode>> running, Map<String, ObjectNode> results,
                                     Semaphore parallel, GraphRequest outer, ExecutorService exec) {
        String key = i.id().toLowerCase(Locale.ROOT);
        Future<ObjectNode> existing = running.get(key);
        if (existing != null) return existing;
        List<Future<ObjectNode>> deps = new ArrayList<>();
        for (String d : i.dependsOn()) deps.add(start(items.get(d), items, running, results, parallel, outer, exec));
        Future<ObjectNode> f = exec.submit(() -> {
            for (Future<ObjectNode> d : deps) {
                int status = d.get().path("status").asInt();
                if (status < 200 || status >= 300) {
                    ObjectNode failed = failure(i, 424, "FailedDependency", "Failed dependency.");
                    results.put(key, failed);
                    return failed;
                }
            }
            parallel.acquire();
            try {
                ObjectNode res = run(i, outer);
                results.put(key, res);
                return res;
            } finally {
                parallel.release();
            }
        });
        running.put(key, f);
        return f;
    }

    private ObjectNode run(Item i, GraphRequest outer) {
        String url = i.url();
        if (url.startsWith("http")) url = URI.create(url).getRawPath() + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery());
        if (!url.startsWith("/")) url = "/" + url;
        int q = url.indexOf('?');
        // Sub-request URLs arrive encoded as the SDK wrote them (an '@' in a UPN as %40), like a top-level path.
        String path = GraphRequest.decodePath(q < 0 ? url : url.substring(0, q));
        String query = q < 0 ? null : url.substring(q + 1);
        Map<String, String> headers = new HashMap<>(i.headers());
        headers.putIfAbsent("authorization", outer.header("authorization"));
        byte[] body = i.body() == null || i.body().isNull() ? new byte[0] : Json.bytes(i.body());
        GraphRequest inner = new GraphRequest(i.method(), path, GraphRequest.parseQuery(query), headers, body, UUID.randomUUID().toString(),
                headers.getOrDefault("client-request-id", outer.clientRequestId()), outer.baseUrl(), outer.principal());
        GraphResponse resp = pipeline.dispatch(inner);
        ObjectNode o = Json.object().put("id", i.id()).put("status", resp.status());
        ObjectNode h = o.putObject("headers");
        resp.headers().forEach(h::put);
        if (resp.body() != null) {
            h.put("Content-Type", "application/json");
            o.set("body", resp.body());
        }
        return o;
    }

    private ObjectNode failure(Item i, int status, String code, String message) {
        ObjectNode o = Json.object().put("id", i.id()).put("status", status);
        o.putObject("headers").put("Content-Type", "application/json");
        o.set("body", ErrorBody.of(code, message, UUID.randomUUID().toString(), UUID.randomUUID().toString(), clock.instant()));
        return o;
    }
}
