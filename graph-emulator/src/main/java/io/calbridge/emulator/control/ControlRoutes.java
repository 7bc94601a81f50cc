package io.calbridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.auth.MailboxAccess;
import io.calbridge.emulator.calendar.CalendarService;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.Instance;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.http.Throttle;
import io.calbridge.emulator.odata.ErrorBody;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Subscription;
import io.calbridge.emulator.store.Tenant;
import io.calbridge.emulator.subscriptions.Notifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control plane under {@code /_emulator} (no token needed): seed, reset, health, counters, faults,
 * delta-token invalidation, lifecycle events, and "a person editing in Outlook" (event writes that go
 * through the same calendar rules, so delta and notifications see them, but skip Graph auth and throttling).
 */
public final class ControlRoutes {
    private final Store store;
    private final Seed seed;
    private final CalendarService calendar;
    private final Faults faults;
    private final Counters counters;
    private final Throttle throttle;
    private final MailboxAccess access;
    private final Notifier notifier;
    private final Clock clock;

    public ControlRoutes(Store store, Seed seed, CalendarService calendar, Faults faults, Counters counters, Throttle throttle,
                         MailboxAccess access, Notifier notifier, Clock clock) {
        this.store = store;
        this.seed = seed;
        this.calendar = calendar;
        this.faults = faults;
        this.counters = counters;
        this.throttle = throttle;
        this.access = access;
        this.notifier = notifier;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/health", Route.Kind.BATCH, (r, p) -> GraphResponse.ok(health(), null)),
                Route.of("POST", "/seed", Route.Kind.BATCH, (r, p) -> GraphResponse.ok(seed(r.json()), null)),
                Route.of("POST", "/reset", Route.Kind.BATCH, (r, p) -> { reset(); return GraphResponse.noContent(); }),
                Route.of("GET", "/counters", Route.Kind.BATCH, (r, p) -> GraphResponse.ok(counters.snapshot(), null)),
                Route.of("POST", "/counters/reset", Route.Kind.BATCH, (r, p) -> { counters.reset(); return GraphResponse.noContent(); }),
                Route.of("GET", "/faults", Route.Kind.BATCH, (r, p) -> GraphResponse.ok(Json.object().set("value", faults.list()), null)),
                Route.of("POST", "/faults", Route.Kind.BATCH, this::addFault),
                Route.of("DELETE", "/faults", Route.Kind.BATCH, (r, p) -> { faults.clear(); return GraphResponse.noContent(); }),
                Route.of("POST", "/delta/expire", Route.Kind.BATCH, this::expireDelta),
                Route.of("POST", "/subscriptions/{id}/lifecycle", Route.Kind.BATCH, this::lifecycle),
                Route.of("POST", "/outlook/users/{user}/events", Route.Kind.BATCH, this::outlookCreate),
                Route.of("PATCH", "/outlook/users/{user}/events/{event}", Route.Kind.BATCH, this::outlookUpdate),
                Route.of("DELETE", "/outlook/users/{user}/events/{event}", Route.Kind.BATCH, this::outlookDelete));
    }

    /** Liveness plus what a load test wants to know: object counts and the heap in use. */
    private ObjectNode health() {
        ObjectNode o = Json.object().put("status", "UP");
        long users = 0, events = 0, subs = 0;
        for (Tenant t : store.tenants()) {
            users += t.users.size();
            subs += t.subscriptions.size();
            for (var c : t.calendars.values()) events += c.size();
        }
        Runtime rt = Runtime.getRuntime();
        o.put("tenants", store.tenants().size()).put("users", users).put("events", events).put("subscriptions", subs)
                .put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        return o;
    }

    public ObjectNode seed(JsonNode doc) {
        try {
            // The access cache is deliberately kept: policy and scope changes made by a seed propagate after the configured delay.
            return seed.apply(doc);
        } catch (IllegalArgumentException e) {
            throw GraphException.badRequest("Invalid seed: " + e.getMessage());
        }
    }

    public void reset() {
        store.reset();
        faults.clear();
        counters.reset();
        throttle.reset();
        access.clear();
    }

    private volatile List<Route> routes;

    /** Dispatches a control-plane call; errors use Graph's shape too. */
    public GraphResponse dispatch(GraphRequest r) {
        if (routes == null) routes = routes();
        try {
            for (Route route : routes) {
                Map<String, String> p = route.match(r.path());
                if (p != null && route.method().equals(r.method())) return route.handler().handle(r, p);
            }
            throw GraphException.notImplemented("the control endpoint " + r.method() + " /_emulator" + r.path());
        } catch (GraphException e) {
            GraphResponse resp = GraphResponse.json(e.status(), ErrorBody.of(e.code(), e.getMessage(), r.requestId(), r.clientRequestId(), clock.instant()), null);
            e.headers().forEach(resp::header);
            return resp;
        }
    }

    private Tenant tenant(GraphRequest r) {
        String id = r.option("tenant");
        if (id != null) {
            Tenant t = store.tenant(id);
            if (t == null) throw new GraphException(404, "TenantNotFound", "No tenant '" + id + "'.");
            return t;
        }
        if (store.tenants().size() != 1) throw GraphException.badRequest("Pass ?tenant= when more (or fewer) than one tenant is seeded.");
        return store.tenants().iterator().next();
    }

    private DirectoryUser user(Tenant t, String who) {
        DirectoryUser u = t.user(who);
        if (u == null) throw GraphException.invalidUser(who);
        return u;
    }

    private GraphResponse addFault(GraphRequest r, Map<String, String> p) {
        try {
            Faults.Fault f = faults.add(r.json());
            return GraphResponse.json(201, Json.object().put("id", f.id()), null);
        } catch (IllegalArgumentException e) {
            throw GraphException.badRequest(e.getMessage());
        }
    }

    private GraphResponse expireDelta(GraphRequest r, Map<String, String> p) {
        Tenant t = tenant(r);
        String who = r.option("user");
        if (who != null) {
            t.calendar(user(t, who).id).deltaEpoch++;
        } else {
            t.calendars.values().forEach(c -> c.deltaEpoch++);
        }
        return GraphResponse.noContent();
    }

    private GraphResponse lifecycle(GraphRequest r, Map<String, String> p) {
        for (Tenant t : store.tenants()) {
            Subscription s = t.subscriptions.get(p.get("id"));
            if (s == null) continue;
            String event = r.json().path("lifecycleEvent").asText("");
            if (!Set.of("reauthorizationRequired", "subscriptionRemoved", "missed").contains(event)) {
                throw GraphException.badRequest("lifecycleEvent must be reauthorizationRequired, subscriptionRemoved or missed");
            }
            if (event.equals("subscriptionRemoved")) t.subscriptions.remove(s.id());
            notifier.lifecycle(t, s, event);
            return GraphResponse.noContent();
        }
        throw new GraphException(404, "ResourceNotFound", "No subscription '" + p.get("id") + "'.");
    }

    private GraphResponse outlookCreate(GraphRequest r, Map<String, String> p) {
        Tenant t = tenant(r);
        var c = calendar.create(t, user(t, p.get("user")), r.json(), CalendarService.Source.OUTLOOK);
        return GraphResponse.json(201, EventJson.render(Instance.of(c.event()), "UTC", null, false), "microsoft.graph.event");
    }

    private GraphResponse outlookUpdate(GraphRequest r, Map<String, String> p) {
        Tenant t = tenant(r);
        Instance i = calendar.update(t, user(t, p.get("user")), p.get("event"), r.json(), CalendarService.Source.OUTLOOK);
        return GraphResponse.ok(EventJson.render(i, "UTC", null, false), "microsoft.graph.event");
    }

    private GraphResponse outlookDelete(GraphRequest r, Map<String, String> p) {
        Tenant t = tenant(r);
        calendar.delete(t, user(t, p.get("user")), p.get("event"), CalendarService.Source.OUTLOOK);
        return GraphResponse.noContent();
    }
}
