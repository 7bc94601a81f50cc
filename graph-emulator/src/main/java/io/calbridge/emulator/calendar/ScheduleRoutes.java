package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /users/{id}/calendar/getSchedule} (GRAPH-FACTS §5.4): at most 20 schedules, a window
 * under 62 days, an interval of 5–1440 minutes (default 30); unknown schedules get a per-item error
 * and do not fail the call.
 */
public final class ScheduleRoutes {
    private static final String TYPE = "microsoft.graph.scheduleInformation";
    private final Store store;
    private final CalendarService calendar;

    public ScheduleRoutes(Store store, CalendarService calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    public List<Route> routes() {
        return List.of(Route.of("POST", "/users/{user}/calendar/getSchedule", Route.Kind.MAILBOX, this::getSchedule).mailbox("user"));
    }

    private GraphResponse getSchedule(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        // The SDK sends the action parameters in PascalCase (Schedules, StartTime…), as the CSDL names them; Graph accepts either.
        ObjectNode body = Json.object();
        r.json().fields().forEachRemaining(e -> body.set(Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1), e.getValue()));
        JsonNode schedules = body.get("schedules");
        if (schedules == null || !schedules.isArray() || schedules.isEmpty()) {
            throw new GraphException(400, "ErrorInvalidParameter", "The parameter 'schedules' is required and must be a non-empty collection.");
        }
        if (schedules.size() > 20) {
            throw new GraphException(400, "ErrorInvalidParameter", "The number of schedules requested exceeds the maximum of 20.");
        }
        Instant from = TimeZones.read(body.get("startTime"), "startTime");
        Instant to = TimeZones.read(body.get("endTime"), "endTime");
        if (!to.isAfter(from)) throw new GraphException(400, "ErrorInvalidParameter", "The end time must be after the start time.");
        if (Duration.between(from, to).compareTo(Duration.ofDays(62)) >= 0) {
            throw new GraphException(400, "ErrorInvalidParameter", "The requested time window exceeds the maximum of 62 days.");
        }
        int interval = body.path("availabilityViewInterval").asInt(30);
        if (interval < 5 || interval > 1440) {
            throw new GraphException(400, "ErrorInvalidParameter", "availabilityViewInterval must be between 5 and 1440 minutes.");
        }
        GraphResponse resp = GraphResponse.json(200, Json.object(), TYPE);
        String tz = EventRoutes.timeZone(r, resp);
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        for (JsonNode s : schedules) {
            String id = s.asText();
            ObjectNode info = value.addObject().put("scheduleId", id);
            DirectoryUser u = t.user(id);
            if (u == null || u.mailbox == DirectoryUser.MailboxKind.NONE) {
                info.putArray("scheduleItems");
                info.putObject("error").put("message", "The requested user '" + id + "' is invalid.").put("responseCode", "ErrorInvalidUser");
                continue;
            }
            List<Instance> items = calendar.view(t, u.id, from, to);
            StringBuilder view = new StringBuilder();
            for (Instant slot = from; slot.isBefore(to); slot = slot.plus(Duration.ofMinutes(interval))) {
                Instant end = slot.plus(Duration.ofMinutes(interval));
                int best = 0;
                for (Instance i : items) {
                    if (i.start().isBefore(end) && i.end().isAfter(slot) && !i.source().isCancelled) {
                        best = stronger(best, code(i.source().showAs));
                    }
                }
                view.append(best);
            }
            info.put("availabilityView", view.toString());
            ArrayNode si = info.putArray("scheduleItems");
            for (Instance i : items) {
                if (i.source().isCancelled) continue;
                JsonNode d = i.source().doc();
                boolean isPrivate = d.path("sensitivity").asText("normal").equals("private");
                ObjectNode item = si.addObject().put("isPrivate", isPrivate).put("status", d.path("showAs").asText("busy"));
                if (!isPrivate) {
                    item.put("subject", d.path("subject").asText(""));
                    item.put("location", d.path("location").path("displayName").asText(""));
                }
                item.set("start", TimeZones.write(i.start(), tz));
                item.set("end", TimeZones.write(i.end(), tz));
            }
            ObjectNode wh = info.putObject("workingHours");
            ArrayNode days = wh.putArray("daysOfWeek");
            for (String d : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) days.add(d);
            wh.put("startTime", "08:00:00.0000000").put("endTime", "17:00:00.0000000");
            wh.putObject("timeZone").put("name", "UTC");
        }
        return new GraphResponse(200, resp.headers(), out, TYPE);
    }

    private static int code(String showAs) {
        return switch (showAs) {
            case "tentative" -> 1;
            case "busy" -> 2;
            case "oof" -> 3;
            case "workingElsewhere" -> 4;
            default -> 0;
        };
    }

    /** Out of office beats busy beats tentative beats working elsewhere beats free. */
    private static int stronger(int a, int b) {
        int[] rank = {0, 2, 3, 4, 1};
        return rank[a] >= rank[b] ? a : b;
    }
}
