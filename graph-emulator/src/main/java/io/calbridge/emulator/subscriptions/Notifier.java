package io.calbridge.emulator.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.calendar.CalendarService;
import io.calbridge.emulator.control.Counters;
import io.calbridge.emulator.control.Faults;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.EventRecord;
import io.calbridge.emulator.store.Subscription;
import io.calbridge.emulator.store.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Delivers change and lifecycle notifications (GRAPH-FACTS §7.3–7.4): one POST of
 * {@code {"value":[…]}} per change after the configured delay, a 3-second timeout, retries with
 * doubling back-off (capped at 10 minutes) while the retry window lasts, then the notification is dropped.
 */
public final class Notifier implements CalendarService.Listener {
    private final EmulatorOptions options;
    private final ScheduledExecutorService scheduler;
    private final Faults faults;
    private final Counters counters;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

    public Notifier(EmulatorOptions options, ScheduledExecutorService scheduler, Faults faults, Counters counters, Clock clock) {
        this.options = options;
        this.scheduler = scheduler;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void changed(Tenant t, String mailboxId, String eventId, String changeType, CalendarService.Source source, @Nullable EventRecord event) {
        Instant now = clock.instant();
        for (Subscription s : t.subscriptions.values()) {
            if (!s.mailboxId().equals(mailboxId) || !s.changeTypes().contains(changeType) || s.expirationDateTime().isBefore(now)) continue;
            String resource = "Users/" + mailboxId + "/Events/" + eventId;
            if (faults.dropNotification(resource)) {
                counters.count("notifications.droppedByFault");
                continue;
            }
            ObjectNode n = Json.object();
            n.put("subscriptionId", s.id());
            n.put("subscriptionExpirationDateTime", Json.offset(s.expirationDateTime()));
            n.put("changeType", changeType);
            n.put("resource", resource);
            if (s.clientState() != null) n.put("clientState", s.clientState());
            n.put("tenantId", t.id);
            ObjectNode rd = n.putObject("resourceData");
            rd.put("@odata.type", "#Microsoft.Graph.Event");
            rd.put("@odata.id", resource);
            if (event != null && !changeType.equals("deleted")) rd.put("@odata.etag", "W/\"" + event.changeKey() + "\"");
            rd.put("id", eventId);
            ObjectNode payload = Json.object();
            payload.putArray("value").add(n);
            schedule(s.notificationUrl(), payload, options.notificationDelay(), now, "notifications");
        }
    }

    /** Sends a lifecycle notification ({@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}). */
    public void lifecycle(Tenant t, Subscription s, String lifecycleEvent) {
        if (s.lifecycleNotificationUrl() == null) return;
        ObjectNode n = Json.object();
        n.put("subscriptionId", s.id());
        n.put("subscriptionExpirationDateTime", Json.offset(s.expirationDateTime()));
        n.put("tenantId", t.id);
        if (s.clientState() != null) n.put("clientState", s.clientState());
        n.put("lifecycleEvent", lifecycleEvent);
        ObjectNode payload = Json.object();
        payload.putArray("value").add(n);
        schedule(s.lifecycleNotificationUrl(), payload, Duration.ZERO, clock.instant(), "lifecycle");
    }

    private void schedule(String url, ObjectNode payload, Duration delay, Instant firstTry, String counter) {
        scheduler.schedule(() -> Thread.ofVirtual().start(() -> attempt(url, payload, firstTry, options.notificationRetryInterval(), counter)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(String url, ObjectNode payload, Instant firstTry, Duration backoff, String counter) {
        boolean ok;
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(payload))).build();
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            ok = status >= 200 && status < 300;
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            counters.count(counter + ".delivered");
            return;
        }
        counters.count(counter + ".failed");
        if (Duration.between(firstTry, clock.instant()).plus(backoff).compareTo(options.notificationRetryWindow()) > 0) {
            counters.count(counter + ".dropped");
            return;
        }
        Duration next = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : backoff.multipliedBy(2);
        scheduler.schedule(() -> Thread.ofVirtual().start(() -> attempt(url, payload, firstTry, next, counter)),
                backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The validation handshake: POST {@code ?validationToken=…} as text/plain; the endpoint must echo it within 10 s. */
    public @Nullable String validate(String url, String token) {
        try {
            String sep = url.contains("?") ? "&" : "?";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + sep + "validationToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) return "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";
            String ct = resp.headers().firstValue("content-type").orElse("");
            if (!ct.toLowerCase().startsWith("text/plain")) return "Subscription validation request failed. Must respond with 200 OK and content-type text/plain.";
            if (!resp.body().equals(token)) return "Subscription validation request failed. Response must exactly match validationToken query parameter.";
            return null;
        } catch (java.net.http.HttpTimeoutException e) {
            return "Subscription validation request timed out.";
        } catch (Exception e) {
            return "Subscription validation request failed. " + e.getClass().getSimpleName();
        }
    }
}
