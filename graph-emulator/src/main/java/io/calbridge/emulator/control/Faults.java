package io.calbridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Injected faults, matched by a regular expression over the Graph path (after {@code /v1.0}, without the
 * query) and optionally the method. A fault can add latency, answer with a status and code, drop change
 * notifications for matching resources, or make delta tokens on matching paths expire (410).
 */
public final class Faults {
    /**
     * One injected fault.
     *
     * @param times how many requests it hits; negative means until removed
     */
    public record Fault(long id, Pattern path, @Nullable String method, int status, String code, String message,
                        long latencyMillis, boolean dropNotifications, boolean expireDeltaTokens, AtomicInteger times) {
        ObjectNode toJson() {
            ObjectNode o = Json.object().put("id", id).put("pathPattern", path.pattern()).put("method", method)
                    .put("status", status).put("code", code).put("message", message).put("latencyMs", latencyMillis)
                    .put("dropNotifications", dropNotifications).put("expireDeltaTokens", expireDeltaTokens)
                    .put("remaining", times.get());
            return o;
        }
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds a fault from its JSON form: {@code {pathPattern, method?, status?, code?, message?, latencyMs?, dropNotifications?, expireDeltaTokens?, times?}}. */
    public Fault add(JsonNode spec) {
        String pattern = spec.path("pathPattern").asText(null);
        if (pattern == null) throw new IllegalArgumentException("pathPattern is required");
        Fault f = new Fault(ids.incrementAndGet(), Pattern.compile(pattern, Pattern.CASE_INSENSITIVE),
                spec.hasNonNull("method") ? spec.get("method").asText() : null, spec.path("status").asInt(0),
                spec.path("code").asText("ServiceUnavailable"), spec.path("message").asText("Injected fault."),
                spec.path("latencyMs").asLong(0), spec.path("dropNotifications").asBoolean(false),
                spec.path("expireDeltaTokens").asBoolean(false), new AtomicInteger(spec.path("times").asInt(-1)));
        faults.add(f);
        return f;
    }

    public void clear() { faults.clear(); }

    public ArrayNode list() {
        ArrayNode a = Json.array();
        faults.forEach(f -> a.add(f.toJson()));
        return a;
    }

    /** The first live request fault (latency or status) for this call; consumes one use. */
    public @Nullable Fault forRequest(String method, String path) {
        for (Fault f : faults) {
            if (f.dropNotifications() || f.expireDeltaTokens()) continue;
            if (f.method() != null && !f.method().equalsIgnoreCase(method)) continue;
            if (!f.path().matcher(path).find()) continue;
            if (consume(f)) return f;
        }
        return null;
    }

    public boolean dropNotification(String resource) { return flagged(resource, true); }

    public boolean expireDelta(String path) { return flagged(path, false); }

    private boolean flagged(String path, boolean drop) {
        for (Fault f : faults) {
            boolean kind = drop ? f.dropNotifications() : f.expireDeltaTokens();
            if (kind && f.path().matcher(path).find() && consume(f)) return true;
        }
        return false;
    }

    private boolean consume(Fault f) {
        int left = f.times().get();
        if (left < 0) return true;
        while (left > 0) {
            if (f.times().compareAndSet(left, left - 1)) return true;
            left = f.times().get();
        }
        return false;
    }
}
