package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.Filter;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.EventRecord;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Renders stored events and occurrences as Graph {@code microsoft.graph.event} JSON, in the requested time zone. */
public final class EventJson {
    /** Properties a client may send on create or update (the rest of the CSDL event type is read-only or unsupported). */
    public static final Set<String> WRITABLE = Set.of("subject", "body", "start", "end", "location", "locations", "attendees",
            "isAllDay", "showAs", "importance", "sensitivity", "categories", "reminderMinutesBeforeStart", "isReminderOn",
            "responseRequested", "allowNewTimeProposals", "hideAttendees", "isOnlineMeeting", "onlineMeetingProvider",
            "recurrence", "transactionId", "singleValueExtendedProperties", "isCancelled", "isDraft", "originalStartTimeZone",
            "originalEndTimeZone", "organizer");

    private EventJson() {}

    /**
     * @param tz         the time zone for start and end (UTC unless {@code Prefer: outlook.timezone})
     * @param extended        the filter inside {@code $expand=singleValueExtendedProperties($filter=…)}, or null for all
     * @param includeExtended whether to emit {@code singleValueExtendedProperties} at all
     */
    public static ObjectNode render(Instance i, String tz, @Nullable Filter extended, boolean includeExtended) {
        EventRecord e = i.source();
        JsonNode d = e.doc();
        ObjectNode o = Json.object();
        o.put("@odata.etag", "W/\"" + e.changeKey() + "\"");
        o.put("id", i.id());
        o.put("createdDateTime", Json.offset(e.created));
        o.put("lastModifiedDateTime", Json.offset(e.lastModified));
        o.put("changeKey", e.changeKey());
        o.set("categories", d.has("categories") ? d.get("categories").deepCopy() : Json.array());
        if (e.transactionId != null) o.put("transactionId", e.transactionId);
        o.put("originalStartTimeZone", e.startZone);
        o.put("originalEndTimeZone", e.endZone);
        o.put("iCalUId", e.iCalUId);
        o.put("reminderMinutesBeforeStart", d.path("reminderMinutesBeforeStart").asInt(15));
        o.put("isReminderOn", d.path("isReminderOn").asBoolean(true));
        o.put("hasAttachments", false);
        String subject = d.path("subject").asText("");
        o.put("subject", subject);
        String content = d.path("body").path("content").asText("");
        String preview = content.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        o.put("bodyPreview", preview.length() > 255 ? preview.substring(0, 255) : preview);
        o.put("importance", d.path("importance").asText("normal"));
        o.put("sensitivity", d.path("sensitivity").asText("normal"));
        o.put("isAllDay", d.path("isAllDay").asBoolean(false));
        o.put("isCancelled", d.path("isCancelled").asBoolean(false));
        o.put("isOrganizer", d.path("isOrganizer").asBoolean(true));
        o.put("responseRequested", d.path("responseRequested").asBoolean(true));
        String type;
        if (i.occurrence()) type = "occurrence";
        else type = e.type.name();
        if (i.occurrence() || e.type == EventRecord.Type.exception) {
            o.put("seriesMasterId", i.occurrence() ? e.id : e.seriesMasterId);
        } else {
            o.putNull("seriesMasterId");
        }
        o.put("showAs", d.path("showAs").asText("busy"));
        o.put("type", type);
        o.put("webLink", "https://outlook.office365.com/owa/?itemid=" + i.id() + "&exvsurl=1&path=/calendar/item");
        o.putNull("onlineMeetingUrl");
        o.put("isOnlineMeeting", d.path("isOnlineMeeting").asBoolean(false));
        o.put("onlineMeetingProvider", d.path("onlineMeetingProvider").asText("unknown"));
        o.put("allowNewTimeProposals", d.path("allowNewTimeProposals").asBoolean(true));
        o.put("isDraft", false);
        o.put("hideAttendees", d.path("hideAttendees").asBoolean(false));
        if (i.originalStart() != null) o.put("originalStart", Json.offset(i.originalStart()));
        o.set("responseStatus", d.has("responseStatus") ? d.get("responseStatus").deepCopy()
                : Json.object().put("response", "organizer").put("time", "0001-01-01T00:00:00Z"));
        o.set("body", d.has("body") ? d.get("body").deepCopy() : Json.object().put("contentType", "html").put("content", ""));
        o.set("start", TimeZones.write(i.start(), tz));
        o.set("end", TimeZones.write(i.end(), tz));
        o.set("location", d.has("location") ? location(d.get("location")) : location(Json.object()));
        ArrayNode locs = o.putArray("locations");
        d.path("locations").forEach(l -> locs.add(location(l)));
        if (e.type == EventRecord.Type.seriesMaster && !i.occurrence()) o.set("recurrence", d.get("recurrence").deepCopy());
        else o.putNull("recurrence");
        o.set("attendees", d.has("attendees") ? d.get("attendees").deepCopy() : Json.array());
        o.set("organizer", d.has("organizer") ? d.get("organizer").deepCopy() : Json.object());
        o.putNull("onlineMeeting");
        if (includeExtended) {
            ArrayNode ext = Json.array();
            e.extended.forEach((k, v) -> {
                ObjectNode p = Json.object().put("id", k).put("value", v);
                if (extended == null || extended.test(p)) ext.add(p);
            });
            o.set("singleValueExtendedProperties", ext);
        }
        return o;
    }

    private static ObjectNode location(JsonNode in) {
        ObjectNode l = Json.object();
        l.put("displayName", in.path("displayName").asText(""));
        if (in.hasNonNull("locationEmailAddress")) l.put("locationEmailAddress", in.get("locationEmailAddress").asText());
        l.put("locationType", in.path("locationType").asText("default"));
        if (in.hasNonNull("locationUri")) l.put("locationUri", in.get("locationUri").asText());
        if (in.hasNonNull("uniqueId")) l.put("uniqueId", in.get("uniqueId").asText());
        l.put("uniqueIdType", in.path("uniqueIdType").asText(in.hasNonNull("uniqueId") ? "private" : "unknown"));
        if (in.has("address")) l.set("address", in.get("address").deepCopy());
        if (in.has("coordinates")) l.set("coordinates", in.get("coordinates").deepCopy());
        return l;
    }
}
