package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.control.Faults;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphPipeline;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.Filter;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.odata.Query;
import io.calbridge.emulator.odata.Tokens;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.EventRecord;
import io.calbridge.emulator.store.MailboxCalendar;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Events on {@code /users/{id}/events} and {@code /users/{id}/calendar/events}, calendarView, its delta,
 * and series instances. Times come back in UTC unless {@code Prefer: outlook.timezone} names a zone.
 */
public final class EventRoutes {
    static final String TYPE = "microsoft.graph.event";
    private static final Pattern EXPAND = Pattern.compile("^singleValueExtendedProperties(?:\\(\\$filter=(.*)\\))?$", Pattern.CASE_INSENSITIVE);

    private final Store store;
    private final CalendarService calendar;
    private final EmulatorOptions options;
    private final Faults faults;
    private final Clock clock;

    public EventRoutes(Store store, CalendarService calendar, EmulatorOptions options, Faults faults, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.options = options;
        this.faults = faults;
        this.clock = clock;
    }

    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (String base : List.of("/users/{user}/events", "/users/{user}/calendar/events")) {
            out.add(Route.of("POST", base, Route.Kind.MAILBOX, this::create).mailbox("user").writes());
            out.add(Route.of("GET", base, Route.Kind.MAILBOX, this::list).mailbox("user")
                    .options("$select", "$filter", "$top", "$skiptoken", "$orderby", "$expand", "$count"));
            out.add(Route.of("GET", base + "/{event}", Route.Kind.MAILBOX, this::get).mailbox("user").options("$select", "$expand"));
            out.add(Route.of("PATCH", base + "/{event}", Route.Kind.MAILBOX, this::update).mailbox("user").writes());
            out.add(Route.of("DELETE", base + "/{event}", Route.Kind.MAILBOX, this::delete).mailbox("user").writes());
            out.add(Route.of("GET", base + "/{event}/instances", Route.Kind.MAILBOX, this::instances).mailbox("user")
                    .options("$select", "$top", "$skiptoken"));
        }
        for (String base : List.of("/users/{user}/calendarView", "/users/{user}/calendar/calendarView")) {
            out.add(Route.of("GET", base + "/delta", Route.Kind.MAILBOX, this::delta).mailbox("user").options("$deltatoken", "$skiptoken"));
            out.add(Route.of("GET", base, Route.Kind.MAILBOX, this::view).mailbox("user")
                    .options("$select", "$filter", "$top", "$skiptoken", "$orderby", "$expand", "$count"));
        }
        return out;
    }

    static String timeZone(GraphRequest r, GraphResponse response) {
        String tz = r.prefer("outlook.timezone");
        if (tz == null || tz.isBlank()) return "UTC";
        TimeZones.zone(tz);
        response.header("Preference-Applied", "outlook.timezone=\"" + tz + "\"");
        return tz;
    }

    private static GraphResponse respond(GraphRequest r, int status, java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> body) {
        GraphResponse resp = GraphResponse.json(status, Json.object(), TYPE);
        String tz = timeZone(r, resp);
        if (r.prefer("IdType") != null) {
            String applied = resp.headers().get("Preference-Applied");
            String id = "IdType=\"" + r.prefer("IdType") + "\"";
            resp.header("Preference-Applied", applied == null ? id : applied + ", " + id);
        }
        return new GraphResponse(status, resp.headers(), body.apply(tz), TYPE);
    }

    private record Expand(boolean include, @Nullable Filter filter) {}

    private static Expand expand(GraphRequest r) {
        String e = r.option("$expand");
        if (e == null) return new Expand(false, null);
        Matcher m = EXPAND.matcher(e.trim());
        if (!m.matches()) throw GraphException.notImplemented("$expand=" + e);
        return new Expand(true, m.group(1) == null ? null : Filter.parse(m.group(1)));
    }

    private ObjectNode render(Instance i, String tz, Expand x, GraphRequest r) {
        return Query.project(EventJson.render(i, tz, x.filter(), x.include()), Query.select(r), null);
    }

    private GraphResponse create(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryUser mailbox = t.users.get(p.get(GraphPipeline.MAILBOX));
        CalendarService.Created c = calendar.create(t, mailbox, r.json(), CalendarService.Source.GRAPH);
        return respond(r, 201, tz -> EventJson.render(Instance.of(c.event()), tz, null, false));
    }

    private GraphResponse get(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Instance i = calendar.get(t, p.get(GraphPipeline.MAILBOX), p.get("event"));
        Expand x = expand(r);
        return respond(r, 200, tz -> render(i, tz, x, r));
    }

    private GraphResponse update(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryUser mailbox = t.users.get(p.get(GraphPipeline.MAILBOX));
        Instance i = calendar.update(t, mailbox, p.get("event"), r.json(), CalendarService.Source.GRAPH);
        return respond(r, 200, tz -> EventJson.render(i, tz, null, false));
    }

    private GraphResponse delete(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        calendar.delete(t, t.users.get(p.get(GraphPipeline.MAILBOX)), p.get("event"), CalendarService.Source.GRAPH);
        return GraphResponse.noContent();
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Expand x = expand(r);
        List<EventRecord> events = calendar.list(t, p.get(GraphPipeline.MAILBOX));
        return respond(r, 200, tz -> pageOf(events.stream().map(Instance::of).toList(), tz, x, r));
    }

    private GraphResponse view(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Instant[] w = window(r);
        Expand x = expand(r);
        List<Instance> items = calendar.view(t, p.get(GraphPipeline.MAILBOX), w[0], w[1]);
        return respond(r, 200, tz -> pageOf(items, tz, x, r));
    }

    private GraphResponse instances(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Instant[] w = window(r);
        Instance master = calendar.get(t, p.get(GraphPipeline.MAILBOX), p.get("event"));
        if (master.occurrence() || master.source().type != EventRecord.Type.seriesMaster) throw GraphException.itemNotFound();
        List<Instance> items = new ArrayList<>(calendar.occurrences(master.source(), w[0], w[1]));
        MailboxCalendar cal = t.calendar(p.get(GraphPipeline.MAILBOX));
        for (String ex : master.source().exceptions.values()) {
            EventRecord e = cal.get(ex);
            if (e != null && e.start.isBefore(w[1]) && e.end.isAfter(w[0])) items.add(Instance.of(e));
        }
        items.sort(Comparator.comparing(Instance::start));
        return respond(r, 200, tz -> pageOf(items, tz, new Expand(false, null), r));
    }

    private ObjectNode pageOf(List<Instance> items, String tz, Expand x, GraphRequest r) {
        List<ObjectNode> rendered = new ArrayList<>(items.size());
        boolean filtering = r.option("$filter") != null;
        for (Instance i : items) rendered.add(EventJson.render(i, tz, filtering ? null : x.filter(), x.include() || filtering));
        List<ObjectNode> matched = new ArrayList<>(Query.filter(rendered, r));
        Query.orderBy(matched, r);
        var select = Query.select(r);
        List<ObjectNode> out = new ArrayList<>(matched.size());
        for (ObjectNode o : matched) {
            if (filtering && !x.include()) o.remove("singleValueExtendedProperties");
            if (filtering && x.include() && x.filter() != null) {
                ArrayNode kept = Json.array();
                o.path("singleValueExtendedProperties").forEach(ep -> { if (x.filter().test(ep)) kept.add(ep); });
                o.set("singleValueExtendedProperties", kept);
            }
            out.add(Query.project(o, select, null));
        }
        return Query.page(out, r, 10, 1000);
    }

    static Instant[] window(GraphRequest r) {
        String s = r.option("startDateTime");
        String e = r.option("endDateTime");
        if (s == null || e == null) {
            throw new GraphException(400, "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }
        Instant from = Json.instant(s);
        Instant to = Json.instant(e);
        if (!to.isAfter(from)) throw new GraphException(400, "ErrorInvalidParameter", "The value of EndDateTime must be later than StartDateTime.");
        return new Instant[] {from, to};
    }

    // --- calendarView/delta ----------------------------------------------------------------------

    /**
     * Delta over a fixed window. Tokens are stateless JSON: mailbox {@code m}, window {@code s}/{@code e}
     * (epoch seconds), the version the round started from {@code f} (0 = initial listing), the snapshot
     * version {@code q}, the paging cursor {@code c}, the mailbox's invalidation epoch {@code ep} and the
     * issue time {@code t}. An old, invalidated or foreign token gets 410 syncStateNotFound with a
     * {@code Location} holding a fresh initial URL.
     */
    private GraphResponse delta(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        String mailboxId = p.get(GraphPipeline.MAILBOX);
        MailboxCalendar cal = t.calendar(mailboxId);
        String dt = r.option("$deltatoken");
        String st = r.option("$skiptoken");
        String raw = st != null ? st : dt;
        Instant from;
        Instant to;
        long since;
        long snapshot;
        boolean changes = false;
        String cursor = "";
        if (raw == null) {
            Instant[] w = window(r);
            from = w[0];
            to = w[1];
            since = 0;
            snapshot = t.sequence.get();
        } else {
            ObjectNode tok = Tokens.decode(raw);
            if (tok == null || !tok.has("m") || !tok.path("m").asText().equals(mailboxId)) {
                throw new GraphException(400, "ErrorInvalidUrlQuery", "The delta or skip token is not valid.");
            }
            from = Instant.ofEpochSecond(tok.path("s").asLong());
            to = Instant.ofEpochSecond(tok.path("e").asLong());
            boolean expired = tok.path("ep").asInt() != cal.deltaEpoch
                    || Duration.between(Instant.ofEpochMilli(tok.path("t").asLong()), clock.instant()).compareTo(options.deltaTokenLifetime()) > 0
                    || faults.expireDelta(r.path());
            if (expired) {
                String fresh = r.baseUrl() + r.path() + "?startDateTime=" + Json.offset(from) + "&endDateTime=" + Json.offset(to);
                throw new GraphException(410, "syncStateNotFound",
                        "The sync state for this request was not found or has expired. Restart the sync from an initial request.")
                        .header("Location", fresh);
            }
            since = tok.path("f").asLong();
            changes = tok.path("d").asBoolean(false);
            if (changes && cal.syncStateLost(since)) {
                String fresh = r.baseUrl() + r.path() + "?startDateTime=" + Json.offset(from) + "&endDateTime=" + Json.offset(to);
                throw new GraphException(410, "syncStateNotFound",
                        "The sync state for this request was not found or has expired. Restart the sync from an initial request.")
                        .header("Location", fresh);
            }
            if (st != null) {
                snapshot = tok.path("q").asLong();
                cursor = tok.path("c").asText("");
            } else {
                snapshot = t.sequence.get();
            }
        }
        record Item(String key, ObjectNode json) {}
        List<Item> items = new ArrayList<>();
        GraphResponse shell = GraphResponse.json(200, Json.object(), TYPE);
        String tz = timeZone(r, shell);
        if (!changes) {
            for (Instance i : calendar.view(t, mailboxId, from, to)) {
                items.add(new Item(String.format("%019d|%s", i.start().getEpochSecond() + 100_000_000_000L, i.id()), EventJson.render(i, tz, null, false)));
            }
        } else {
            Map<String, Item> byId = new LinkedHashMap<>();
            for (EventRecord e : cal.all()) {
                if (e.version <= since || e.version > snapshot) continue;
                String key = String.format("%019d|", e.version);
                if (e.type == EventRecord.Type.seriesMaster) {
                    for (Instance i : calendar.occurrences(e, from, to)) byId.put(i.id(), new Item(key + i.id(), EventJson.render(i, tz, null, false)));
                } else if (e.start.isBefore(to) && e.end.isAfter(from)) {
                    byId.put(e.id, new Item(key + e.id, EventJson.render(Instance.of(e), tz, null, false)));
                } else {
                    byId.put(e.id, new Item(key + e.id, removed(e.id)));
                }
            }
            for (MailboxCalendar.Tombstone ts : cal.tombstonesAfter(since)) {
                if (ts.version() > snapshot) continue;
                String key = String.format("%019d|", ts.version());
                if (ts.deletedMaster() != null) {
                    for (Instance i : calendar.occurrences(ts.deletedMaster(), from, to)) byId.putIfAbsent(i.id(), new Item(key + i.id(), removed(i.id())));
                }
                byId.put(ts.id(), new Item(key + ts.id(), removed(ts.id())));
            }
            items.addAll(byId.values());
        }
        items.sort(Comparator.comparing(Item::key));
        int size = pageSize(r);
        final String after = cursor;
        List<Item> remaining = items.stream().filter(i -> i.key().compareTo(after) > 0).toList();
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        remaining.stream().limit(size).forEach(i -> value.add(i.json()));
        ObjectNode base = Json.object().put("m", mailboxId).put("s", from.getEpochSecond()).put("e", to.getEpochSecond())
                .put("ep", cal.deltaEpoch).put("t", clock.millis());
        if (remaining.size() > size) {
            ObjectNode next = base.deepCopy().put("f", since).put("d", changes).put("q", snapshot).put("c", remaining.get(size - 1).key());
            out.put("@odata.nextLink", deltaLink(r, "$skiptoken", Tokens.encode(next)));
        } else {
            ObjectNode next = base.deepCopy().put("f", snapshot).put("d", true);
            out.put("@odata.deltaLink", deltaLink(r, "$deltatoken", Tokens.encode(next)));
        }
        return new GraphResponse(200, shell.headers(), out, TYPE);
    }

    private static String deltaLink(GraphRequest r, String name, String token) {
        return r.baseUrl() + r.path() + "?" + name + "=" + token;
    }

    private static ObjectNode removed(String id) {
        ObjectNode o = Json.object().put("@odata.type", "#microsoft.graph.event").put("id", id);
        o.putObject("@removed").put("reason", "deleted");
        return o;
    }

    private static int pageSize(GraphRequest r) {
        String pref = r.prefer("odata.maxpagesize");
        if (pref == null) return 10;
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(pref)));
        } catch (NumberFormatException e) {
            throw GraphException.badRequest("Invalid Prefer odata.maxpagesize value.");
        }
    }
}
