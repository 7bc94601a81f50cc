package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import io.calbridge.emulator.odata.GraphException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands a {@code patternedRecurrence} into occurrence starts: daily, weekly (days of week, interval),
 * absoluteMonthly, relativeMonthly, absoluteYearly; ranges endDate, numbered and noEnd. Occurrences keep
 * the master's local wall-clock time in its start time zone, so they follow daylight-saving changes.
 */
public final class Recurrence {
    private static final Set<String> TYPES = Set.of("daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly");
    /** Guards against unbounded expansion of noEnd series. */
    private static final int MAX_OCCURRENCES = 5_000;

    private Recurrence() {}

    public static void validate(JsonNode rec) {
        JsonNode pattern = rec.path("pattern");
        JsonNode range = rec.path("range");
        String type = pattern.path("type").asText("");
        if (!TYPES.contains(type)) {
            if (type.equals("relativeYearly")) throw GraphException.notImplemented("the recurrence pattern type relativeYearly");
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The recurrence pattern type '" + type + "' is not valid.");
        }
        if (pattern.path("interval").asInt(1) < 1) throw new GraphException(400, "ErrorInvalidRequest", "The recurrence interval must be at least 1.");
        if (type.equals("weekly") && (!pattern.path("daysOfWeek").isArray() || pattern.path("daysOfWeek").isEmpty())) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. A weekly recurrence needs daysOfWeek.");
        }
        String rt = range.path("type").asText("");
        if (!Set.of("endDate", "noEnd", "numbered").contains(rt)) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The recurrence range type '" + rt + "' is not valid.");
        }
        try {
            LocalDate.parse(range.path("startDate").asText());
            if (rt.equals("endDate")) LocalDate.parse(range.path("endDate").asText());
        } catch (Exception e) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The recurrence range dates are not valid.");
        }
    }

    /** Occurrence starts (as instants) whose occurrence overlaps [from, to), given the duration. */
    public static List<Instant> starts(JsonNode rec, Instant masterStart, String zoneName, long durationSeconds, Instant from, Instant to) {
        ZoneId zone = TimeZones.zone(rec.path("range").path("recurrenceTimeZone").asText(zoneName));
        LocalTime time = LocalDateTime.ofInstant(masterStart, zone).toLocalTime();
        List<Instant> out = new ArrayList<>();
        for (LocalDate d : dates(rec, LocalDateTime.ofInstant(masterStart, zone).toLocalDate(), to.atZone(zone).toLocalDate().plusDays(1))) {
            Instant s = d.atTime(time).atZone(zone).toInstant();
            if (s.isBefore(to) && s.plusSeconds(durationSeconds).isAfter(from)) out.add(s);
        }
        return out;
    }

    /** True when the series has an occurrence starting exactly at {@code start}. */
    public static boolean hasOccurrence(JsonNode rec, Instant masterStart, String zoneName, Instant start) {
        return starts(rec, masterStart, zoneName, 1, start, start.plusSeconds(1)).contains(start);
    }

    /** The last occurrence date, or null for a noEnd series. */
    public static LocalDate lastDate(JsonNode rec, Instant masterStart, String zoneName) {
        if (rec.path("range").path("type").asText().equals("noEnd")) return null;
        ZoneId zone = TimeZones.zone(zoneName);
        List<LocalDate> all = dates(rec, LocalDateTime.ofInstant(masterStart, zone).toLocalDate(), LocalDate.of(9999, 1, 1));
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static List<LocalDate> dates(JsonNode rec, LocalDate first, LocalDate until) {
        JsonNode p = rec.path("pattern");
        JsonNode r = rec.path("range");
        String type = p.path("type").asText();
        int interval = Math.max(1, p.path("interval").asInt(1));
        LocalDate start = LocalDate.parse(r.path("startDate").asText(first.toString()));
        LocalDate end = r.path("type").asText().equals("endDate") ? LocalDate.parse(r.path("endDate").asText()) : null;
        int limit = r.path("type").asText().equals("numbered") ? r.path("numberOfOccurrences").asInt(1) : MAX_OCCURRENCES;
        List<LocalDate> out = new ArrayList<>();
        LocalDate cursor = start;
        int guard = 0;
        while (out.size() < limit && guard++ < MAX_OCCURRENCES * 8) {
            List<LocalDate> candidates = new ArrayList<>();
            switch (type) {
                case "daily" -> candidates.add(cursor);
                case "weekly" -> {
                    DayOfWeek firstDay = day(p.path("firstDayOfWeek").asText("sunday"));
                    LocalDate weekStart = cursor.with(TemporalAdjusters.previousOrSame(firstDay));
                    TreeSet<LocalDate> week = new TreeSet<>();
                    for (JsonNode d : p.path("daysOfWeek")) {
                        week.add(weekStart.with(TemporalAdjusters.nextOrSame(day(d.asText()))));
                    }
                    for (LocalDate d : week) if (!d.isBefore(start)) candidates.add(d);
                }
                case "absoluteMonthly" -> {
                    int dom = p.path("dayOfMonth").asInt(start.getDayOfMonth());
                    if (dom <= cursor.lengthOfMonth()) candidates.add(cursor.withDayOfMonth(dom));
                }
                case "relativeMonthly" -> {
                    String index = p.path("index").asText("first");
                    for (JsonNode d : p.path("daysOfWeek")) {
                        DayOfWeek dow = day(d.asText());
                        LocalDate c = index.equals("last") ? cursor.with(TemporalAdjusters.lastInMonth(dow))
                                : cursor.with(TemporalAdjusters.dayOfWeekInMonth(ordinal(index), dow));
                        candidates.add(c);
                    }
                    candidates.sort(null);
                }
                case "absoluteYearly" -> {
                    int month = p.path("month").asInt(start.getMonthValue());
                    int dom = p.path("dayOfMonth").asInt(start.getDayOfMonth());
                    LocalDate m = cursor.withMonth(month);
                    if (dom <= m.lengthOfMonth()) candidates.add(m.withDayOfMonth(dom));
                }
                default -> throw GraphException.notImplemented("the recurrence pattern type " + type);
            }
            for (LocalDate c : candidates) {
                if (c.isBefore(start)) continue;
                if (end != null && c.isAfter(end)) return out;
                if (!c.isBefore(until)) return out;
                out.add(c);
                if (out.size() >= limit) return out;
            }
            cursor = switch (type) {
                case "daily" -> cursor.plusDays(interval);
                case "weekly" -> cursor.with(TemporalAdjusters.previousOrSame(day(p.path("firstDayOfWeek").asText("sunday")))).plusWeeks(interval);
                case "absoluteMonthly", "relativeMonthly" -> cursor.withDayOfMonth(1).plusMonths(interval);
                default -> cursor.withDayOfYear(1).plusYears(interval);
            };
            if (end != null && cursor.isAfter(end)) return out;
            if (!cursor.isBefore(until) && !type.equals("weekly")) return out;
            if (type.equals("weekly") && cursor.minusWeeks(1).isAfter(until)) return out;
        }
        return out;
    }

    private static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GraphException(400, "ErrorInvalidRequest", "Invalid day of week '" + name + "'.");
        }
    }

    private static int ordinal(String index) {
        return switch (index) {
            case "first" -> 1;
            case "second" -> 2;
            case "third" -> 3;
            case "fourth" -> 4;
            default -> throw new GraphException(400, "ErrorInvalidRequest", "Invalid week index '" + index + "'.");
        };
    }
}
