package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Outlook time zones: Windows names (the common ones) and IANA ids, read from {@code dateTimeTimeZone}
 * values and used for {@code Prefer: outlook.timezone}.
 */
public final class TimeZones {
    private static final Map<String, String> WINDOWS = Map.ofEntries(
            Map.entry("utc", "UTC"), Map.entry("coordinated universal time", "UTC"),
            Map.entry("pacific standard time", "America/Los_Angeles"), Map.entry("mountain standard time", "America/Denver"),
            Map.entry("central standard time", "America/Chicago"), Map.entry("eastern standard time", "America/New_York"),
            Map.entry("gmt standard time", "Europe/London"), Map.entry("greenwich standard time", "Atlantic/Reykjavik"),
            Map.entry("w. europe standard time", "Europe/Berlin"), Map.entry("romance standard time", "Europe/Paris"),
            Map.entry("central europe standard time", "Europe/Budapest"), Map.entry("central european standard time", "Europe/Warsaw"),
            Map.entry("e. europe standard time", "Europe/Chisinau"), Map.entry("fle standard time", "Europe/Kiev"),
            Map.entry("india standard time", "Asia/Kolkata"), Map.entry("china standard time", "Asia/Shanghai"),
            Map.entry("tokyo standard time", "Asia/Tokyo"), Map.entry("aus eastern standard time", "Australia/Sydney"),
            Map.entry("singapore standard time", "Asia/Singapore"), Map.entry("hawaiian standard time", "Pacific/Honolulu"),
            Map.entry("alaskan standard time", "America/Anchorage"), Map.entry("atlantic standard time", "America/Halifax"),
            Map.entry("e. south america standard time", "America/Sao_Paulo"), Map.entry("south africa standard time", "Africa/Johannesburg"),
            Map.entry("arabian standard time", "Asia/Dubai"), Map.entry("new zealand standard time", "Pacific/Auckland"));

    private TimeZones() {}

    public static ZoneId zone(String name) {
        String mapped = WINDOWS.get(name.toLowerCase(Locale.ROOT).trim());
        try {
            return mapped != null ? ZoneId.of(mapped) : ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            throw new GraphException(400, "TimeZoneNotSupportedException", "A valid TimeZone value must be specified. The following TimeZone value is not supported: '" + name + "'.");
        }
    }

    /** Reads a {@code dateTimeTimeZone}; returns the instant. */
    public static Instant read(JsonNode dtz, String property) {
        if (dtz == null || !dtz.isObject() || !dtz.hasNonNull("dateTime")) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The '" + property + "' property must have a 'dateTime' value.");
        }
        String tz = dtz.path("timeZone").asText("UTC");
        String text = dtz.get("dateTime").asText();
        try {
            LocalDateTime local = LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text);
            return local.atZone(zone(tz)).toInstant();
        } catch (DateTimeParseException e) {
            throw new GraphException(400, "ErrorInvalidRequest", "Cannot convert the literal '" + text + "' to the expected type 'Edm.DateTime'.");
        }
    }

    public static String zoneName(JsonNode dtz) { return dtz.path("timeZone").asText("UTC"); }

    /** Writes a {@code dateTimeTimeZone} for {@code instant} in {@code tzName}. */
    public static ObjectNode write(Instant instant, String tzName) {
        ZoneId z = zone(tzName);
        return Json.object().put("dateTime", Json.local(LocalDateTime.ofInstant(instant, z))).put("timeZone", tzName);
    }

    public static ZoneId utc() { return ZoneOffset.UTC; }
}
