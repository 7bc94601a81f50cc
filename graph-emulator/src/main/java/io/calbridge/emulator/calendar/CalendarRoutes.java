package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphPipeline;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The primary calendar as a resource ({@code /users/{id}/calendar}, {@code /calendars}, {@code /calendars/{id}}), events
 * addressed through {@code /calendars/{id}/…} (only the primary calendar exists), findMeetingTimes (which Graph refuses
 * app-only), and the meeting actions {@code cancel}, {@code accept}, {@code tentativelyAccept} and {@code decline}.
 */
public final class CalendarRoutes {
    private static final String TYPE = "microsoft.graph.calendar";
    private final Store store;
    private final CalendarService calendar;
    private final EventRoutes events;

    public CalendarRoutes(Store store, CalendarService calendar, EventRoutes events) {
        this.store = store;
        this.calendar = calendar;
        this.events = events;
    }

    /** The primary calendar's id: stable per mailbox, shaped like an Outlook folder id. */
    public static String calendarId(String mailboxId) {
        return "AQMkA" + Base64.getUrlEncoder().withoutPadding().encodeToString(("cal:" + mailboxId).getBytes(StandardCharsets.UTF_8));
    }

    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        out.add(Route.of("GET", "/users/{user}/calendar", Route.Kind.MAILBOX, this::primary).mailbox("user").options("$select"));
        out.add(Route.of("GET", "/users/{user}/calendars", Route.Kind.MAILBOX, this::list).mailbox("user").options("$select", "$top"));
        out.add(Route.of("GET", "/users/{user}/calendars/{calendar}", Route.Kind.MAILBOX, guarded(this::primary)).mailbox("user").options("$select"));
        // Events through the calendar id delegate to the primary-calendar routes once the id is checked.
        for (Route r : events.routes()) {
            if (!r.template().startsWith("/users/{user}/calendar/")) continue;
            String template = r.template().replace("/users/{user}/calendar/", "/users/{user}/calendars/{calendar}/");
            if (template.contains("/delta")) continue; // v1.0 delta covers the primary calendar only, via /calendar or /calendarView
            Route copy = Route.of(r.method(), template, r.kind(), guarded(r.handler())).mailbox("user").options(r.options().toArray(String[]::new));
            out.add(r.write() ? copy.writes() : copy);
        }
        for (String base : List.of("/users/{user}/events/{event}", "/users/{user}/calendar/events/{event}")) {
            out.add(Route.of("POST", base + "/cancel", Route.Kind.MAILBOX, this::cancel).mailbox("user").writes());
            for (String action : List.of("accept", "tentativelyAccept", "decline")) {
                out.add(Route.of("POST", base + "/" + action, Route.Kind.MAILBOX, (req, p) -> respond(req, p, action)).mailbox("user").writes());
            }
        }
        out.add(Route.of("POST", "/users/{user}/findMeetingTimes", Route.Kind.MAILBOX, (r, p) -> {
            // GRAPH-FACTS §5.5: findMeetingTimes has no application permission.
            throw GraphException.accessDenied();
        }).mailbox("user"));
        return out;
    }

    private Route.Handler guarded(Route.Handler inner) {
        return (r, p) -> {
            if (!calendarId(p.get(GraphPipeline.MAILBOX)).equals(p.get("calendar"))) throw GraphException.itemNotFound();
            return inner.handle(r, p);
        };
    }

    private ObjectNode json(DirectoryUser u) {
        ObjectNode c = Json.object();
        c.put("id", calendarId(u.id));
        c.put("name", "Calendar");
        c.put("color", "auto");
        c.put("hexColor", "");
        c.put("isDefaultCalendar", true);
        c.put("changeKey", "AAAA" + Integer.toHexString(u.id.hashCode()));
        c.put("canShare", true);
        c.put("canViewPrivateItems", true);
        c.put("canEdit", true);
        c.putArray("allowedOnlineMeetingProviders").add("teamsForBusiness");
        c.put("defaultOnlineMeetingProvider", "teamsForBusiness");
        c.put("isTallyingResponses", true);
        c.put("isRemovable", false);
        c.putObject("owner").put("name", u.graph.path("displayName").asText("")).put("address", u.mail());
        return c;
    }

    private GraphResponse primary(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        return GraphResponse.ok(io.calbridge.emulator.odata.Query.project(json(t.users.get(p.get(GraphPipeline.MAILBOX))),
                io.calbridge.emulator.odata.Query.select(r), null), TYPE);
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        ObjectNode out = Json.object();
        out.putArray("value").add(json(t.users.get(p.get(GraphPipeline.MAILBOX))));
        return GraphResponse.ok(out, TYPE);
    }

    private GraphResponse cancel(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryUser mailbox = t.users.get(p.get(GraphPipeline.MAILBOX));
        Instance i = calendar.get(t, mailbox.id, p.get("event"));
        if (!i.source().doc().path("isOrganizer").asBoolean(true)) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. You need to be an organizer to cancel a meeting.");
        }
        calendar.delete(t, mailbox, p.get("event"), CalendarService.Source.GRAPH);
        return new GraphResponse(202, new java.util.LinkedHashMap<>(), null, null);
    }

    private GraphResponse respond(GraphRequest r, Map<String, String> p, String action) {
        Tenant t = Context.tenant(store, r);
        DirectoryUser mailbox = t.users.get(p.get(GraphPipeline.MAILBOX));
        Instance i = calendar.get(t, mailbox.id, p.get("event"));
        if (i.source().doc().path("isOrganizer").asBoolean(true)) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. You can't respond to this meeting because you're the meeting organizer.");
        }
        String response = switch (action) {
            case "accept" -> "accepted";
            case "decline" -> "declined";
            default -> "tentativelyAccepted";
        };
        calendar.respondAsAttendee(t, mailbox, p.get("event"), response);
        return new GraphResponse(202, new java.util.LinkedHashMap<>(), null, null);
    }
}
