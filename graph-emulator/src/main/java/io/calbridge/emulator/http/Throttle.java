package io.calbridge.emulator.http;

import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.odata.GraphException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graph's throttling limits (GRAPH-FACTS §1): Outlook's per app+mailbox concurrency and request
 * window, the directory write quota per app+tenant, and the subscription write limit. Windows are
 * fixed windows compressed by the time scale; Retry-After is the real time left in the window.
 */
public final class Throttle {
    private final EmulatorOptions options;
    private final Clock clock;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long startMillis;
        int count;
    }

    public Throttle(EmulatorOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public void reset() {
        windows.clear();
    }

    /** Takes one of the app's concurrent slots on the mailbox; the caller must {@link #release} it. */
    public void acquireMailbox(String appId, String mailboxId) {
        AtomicInteger n = inFlight.computeIfAbsent(appId + '|' + mailboxId, k -> new AtomicInteger());
        if (n.incrementAndGet() > options.mailboxConcurrency()) {
            n.decrementAndGet();
            throw new GraphException(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.")
                    .header("Retry-After", "1");
        }
    }

    public void release(String appId, String mailboxId) {
        AtomicInteger n = inFlight.get(appId + '|' + mailboxId);
        if (n != null) n.decrementAndGet();
    }

    public void countMailboxRequest(String appId, String mailboxId) {
        take("mbx|" + appId + '|' + mailboxId, options.mailboxRequests(), options.mailboxWindow(),
                () -> new GraphException(429, "ApplicationThrottled", "Application is over its MailboxRequests limit."));
    }

    public void countDirectoryWrite(String appId, String tenantId) {
        take("dir|" + appId + '|' + tenantId, options.directoryWrites(), options.directoryWindow(),
                () -> new GraphException(429, "TooManyRequests", "Please retry again later.")
                        .header("x-ms-throttle-scope", "Tenant_Application/Write/" + appId + "/" + tenantId)
                        .header("x-ms-throttle-information", "WriteLimitExceeded"));
    }

    public void countSubscriptionWrite(String appId, String tenantId) {
        take("sub|" + appId + '|' + tenantId, options.subscriptionWrites(), Duration.ofSeconds(20),
                () -> new GraphException(429, "TooManyRequests", "Please retry again later."));
    }

    private void take(String key, int limit, Duration window, java.util.function.Supplier<GraphException> error) {
        long now = clock.millis();
        long span = options.scaled(window).toMillis();
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long retryMillis;
        synchronized (w) {
            if (now - w.startMillis >= span) {
                w.startMillis = now;
                w.count = 0;
            }
            // Every attempt counts, throttled ones included: Graph keeps logging usage while a client is throttled (§1.4).
            w.count++;
            if (w.count <= limit) return;
            retryMillis = w.startMillis + span - now;
        }
        throw error.get().header("Retry-After", Long.toString(Math.max(1, (retryMillis + 999) / 1000)));
    }
}
