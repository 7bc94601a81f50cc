package io.calbridge.emulator.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What tests and benchmarks assert on: requests by route, status, app and mailbox, 429s, the highest
 * number of requests seen in flight at once per mailbox (all apps together), tokens issued and
 * notifications delivered.
 */
public final class Counters {
    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byApp = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byMailbox = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> other = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder total = new LongAdder();

    public void request(String route, int status, String app, String mailbox) {
        total.increment();
        byPath.computeIfAbsent(route, k -> new LongAdder()).increment();
        byStatus.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
        if (!app.isEmpty()) byApp.computeIfAbsent(app, k -> new LongAdder()).increment();
        if (!mailbox.isEmpty()) byMailbox.computeIfAbsent(mailbox, k -> new LongAdder()).increment();
        if (status == 429) throttled.increment();
    }

    public void count(String name) { other.computeIfAbsent(name, k -> new LongAdder()).increment(); }

    public void enterMailbox(String mailbox) {
        int now = inFlight.computeIfAbsent(mailbox, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(mailbox, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    public void leaveMailbox(String mailbox) {
        AtomicInteger n = inFlight.get(mailbox);
        if (n != null) n.decrementAndGet();
    }

    public void reset() {
        byPath.clear(); byStatus.clear(); byApp.clear(); byMailbox.clear(); other.clear(); maxInFlight.clear();
        throttled.reset(); total.reset();
    }

    public ObjectNode snapshot() {
        ObjectNode o = Json.object();
        o.put("requests", total.sum());
        o.put("throttled", throttled.sum());
        put(o.putObject("byPath"), byPath);
        put(o.putObject("byStatus"), byStatus);
        put(o.putObject("byApp"), byApp);
        put(o.putObject("byMailbox"), byMailbox);
        put(o.putObject("events"), other);
        ObjectNode max = o.putObject("maxConcurrencyByMailbox");
        new TreeMap<>(maxInFlight).forEach((k, v) -> max.put(k, v.get()));
        return o;
    }

    private static void put(ObjectNode target, Map<String, LongAdder> m) {
        new TreeMap<>(m).forEach((k, v) -> target.put(k, v.sum()));
    }
}
