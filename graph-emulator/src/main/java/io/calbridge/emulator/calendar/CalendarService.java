package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.EventRecord;
import io.calbridge.emulator.store.MailboxCalendar;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The calendar rules shared by Graph routes, the Outlook-user control endpoints and the room booking
 * assistant: create (with transactionId de-duplication), read, update (an occurrence becomes an
 * exception), delete (an occurrence becomes a cancellation), and windowed views with series expansion.
 * Every write takes a new tenant version, so delta and notifications see it, whoever made it.
 */
public final class CalendarService {
    /** Who made a change; the booking assistant ignores its own writes. */
    public enum Source { GRAPH, OUTLOOK, ASSISTANT }

    /** Observes every change: {@code changeType} is created, updated or deleted. */
    @FunctionalInterface
    public interface Listener {
        void changed(Tenant tenant, String mailboxId, String eventId, String changeType, Source source, @Nullable EventRecord event);
    }

    /** The outcome of a create: {@code duplicate} when a transactionId matched an existing event. */
    public record Created(EventRecord event, boolean duplicate) {}

    private static final Set<String> READ_ONLY = Set.of("id", "createdDateTime", "lastModifiedDateTime", "changeKey", "iCalUId",
            "bodyPreview", "hasAttachments", "isOrganizer", "responseStatus", "seriesMasterId", "type", "webLink",
            "onlineMeetingUrl", "onlineMeeting", "originalStart", "cancelledOccurrences", "calendar", "attachments",
            "exceptionOccurrences", "extensions", "instances", "multiValueExtendedProperties");
    private static final Set<String> SHOW_AS = Set.of("free", "tentative", "busy", "oof", "workingElsewhere", "unknown");
    private static final Set<String> IMPORTANCE = Set.of("low", "normal", "high");
    private static final Set<String> SENSITIVITY = Set.of("normal", "personal", "private", "confidential");
    private static final Set<String> ATTENDEE_TYPES = Set.of("required", "optional", "resource");
    private static final Pattern EXTENDED_ID = Pattern.compile(
            "^(String|Integer|Boolean|SystemTime|Double|Binary|Guid|Long|Short|Float|Currency|ApplicationTime|Object|CLSID)\\s+"
                    + "(\\{[0-9A-Fa-f-]{36}\\}\\s+(Name\\s+\\S.*|Id\\s+0x[0-9A-Fa-f]{1,4})|0x[0-9A-Fa-f]{4,8})$");
    static final String NO_TIME = "0001-01-01T00:00:00Z";

    private final EmulatorOptions options;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public CalendarService(EmulatorOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public void addListener(Listener l) { listeners.add(l); }

    private void fire(Tenant t, String mailbox, String id, String change, Source source, @Nullable EventRecord event) {
        for (Listener l : listeners) l.changed(t, mailbox, id, change, source, event);
    }

    // --- writes ---------------------------------------------------------------------------------

    public Created create(Tenant t, DirectoryUser mailbox, ObjectNode body, Source source) {
        validate(body, true);
        MailboxCalendar cal = t.calendar(mailbox.id);
        String tx = Json.text(body, "transactionId");
        EventRecord created;
        synchronized (cal) {
            if (tx != null) {
                EventRecord existing = cal.byTransactionId(tx);
                if (existing != null) {
                    if (options.duplicateTransactionId() == EmulatorOptions.DuplicateTransactionId.CONFLICT) {
                        throw new GraphException(409, "ErrorDuplicateTransactionId", "An event with the same transactionId already exists.");
                    }
                    return new Created(existing, true);
                }
            }
            Instant start = TimeZones.read(body.get("start"), "start");
            Instant end = TimeZones.read(body.get("end"), "end");
            if (end.isBefore(start)) {
                throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The end time of the event must be after the start time.");
            }
            ObjectNode doc = Json.object();
            copyWritable(body, doc);
            doc.remove("start");
            doc.remove("end");
            doc.remove("transactionId");
            doc.remove("singleValueExtendedProperties");
            doc.remove("organizer");
            doc.set("organizer", recipient(mailbox));
            if (!doc.has("isOrganizer")) doc.put("isOrganizer", true);
            normalizeAttendees(doc);
            EventRecord.Type type = body.hasNonNull("recurrence") ? EventRecord.Type.seriesMaster : EventRecord.Type.singleInstance;
            Instant now = clock.instant();
            created = new EventRecord(EventIds.newId(), mailbox.id, type, start, end, TimeZones.zoneName(body.get("start")),
                    TimeZones.zoneName(body.get("end")), doc, tx, ical(), now, t.nextVersion(), null, null);
            applyExtended(created, body);
            cal.put(created);
        }
        fire(t, mailbox.id, created.id, "created", source, created);
        return new Created(created, false);
    }

    /** Bulk load without validation or listeners (seed {@code generate}); the event is a plain busy meeting organized by the mailbox. */
    public void insertGenerated(Tenant t, DirectoryUser mailbox, String subject, Instant start, Instant end) {
        ObjectNode doc = Json.object().put("subject", subject);
        doc.set("organizer", recipient(mailbox));
        MailboxCalendar cal = t.calendar(mailbox.id);
        cal.put(new EventRecord(EventIds.newId(), mailbox.id, EventRecord.Type.singleInstance, start, end, "UTC", "UTC", doc, null,
                ical(), clock.instant(), t.nextVersion(), null, null));
    }

    /** Creates an event with a given iCalUId, as an attendee's or room's copy of a meeting. */
    public EventRecord createCopy(Tenant t, DirectoryUser mailbox, EventRecord organizerEvent, ObjectNode doc, Source source) {
        MailboxCalendar cal = t.calendar(mailbox.id);
        EventRecord copy;
        synchronized (cal) {
            EventRecord.Type type = organizerEvent.type == EventRecord.Type.seriesMaster ? EventRecord.Type.seriesMaster : EventRecord.Type.singleInstance;
            copy = new EventRecord(EventIds.newId(), mailbox.id, type, organizerEvent.start, organizerEvent.end, organizerEvent.startZone,
                    organizerEvent.endZone, doc, null, organizerEvent.iCalUId, clock.instant(), t.nextVersion(), null, null);
            cal.put(copy);
        }
        fire(t, mailbox.id, copy.id, "created", source, copy);
        return copy;
    }

    public Instance update(Tenant t, DirectoryUser mailbox, String id, ObjectNode patch, Source source) {
        validate(patch, false);
        MailboxCalendar cal = t.calendar(mailbox.id);
        EventRecord target;
        Instance result;
        synchronized (cal) {
            EventIds.Occurrence occ = EventIds.parse(id);
            if (occ != null) {
                EventRecord master = cal.get(occ.masterId());
                if (master == null || !isLiveOccurrence(master, occ.originalStart())) throw GraphException.itemNotFound();
                String exceptionId = master.exceptions.get(occ.originalStart());
                if (exceptionId != null) {
                    target = cal.get(exceptionId);
                } else {
                    // The first change to an occurrence turns it into an exception of the series.
                    long duration = master.end.getEpochSecond() - master.start.getEpochSecond();
                    ObjectNode doc = master.doc();
                    doc.remove("recurrence");
                    // As in Outlook, the exception keeps the occurrence's id.
                    target = new EventRecord(id, mailbox.id, EventRecord.Type.exception, occ.originalStart(),
                            occ.originalStart().plusSeconds(duration), master.startZone, master.endZone, doc, null, master.iCalUId,
                            clock.instant(), t.nextVersion(), master.id, occ.originalStart());
                    target.extended.putAll(master.extended);
                    master.exceptions.put(occ.originalStart(), target.id);
                    cal.put(target);
                }
                if (patch.has("recurrence")) throw GraphException.badRequest("An occurrence or exception cannot carry a recurrence.");
            } else {
                target = cal.get(id);
                if (target == null) throw GraphException.itemNotFound();
            }
            if (patch.hasNonNull("transactionId") && !patch.get("transactionId").asText().equals(target.transactionId)) {
                throw new GraphException(400, "ErrorInvalidRequest", "The transactionId property cannot be changed after the event is created.");
            }
            if (target.type == EventRecord.Type.singleInstance && patch.hasNonNull("recurrence")) {
                throw GraphException.notImplemented("turning a single event into a series; create a new series instead");
            }
            Instant oldStart = target.start;
            SeriesShape before = target.type == EventRecord.Type.seriesMaster
                    && (patch.has("recurrence") || patch.has("start") || patch.has("end")) ? SeriesShape.of(target) : null;
            Instant start = patch.has("start") ? TimeZones.read(patch.get("start"), "start") : target.start;
            Instant end = patch.has("end") ? TimeZones.read(patch.get("end"), "end") : target.end;
            if (end.isBefore(start)) {
                throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. The end time of the event must be after the start time.");
            }
            ObjectNode doc = target.doc();
            copyWritable(patch, doc);
            doc.remove("start");
            doc.remove("end");
            doc.remove("transactionId");
            doc.remove("singleValueExtendedProperties");
            doc.remove("organizer");
            doc.set("organizer", target.doc().get("organizer"));
            if (patch.has("attendees")) {
                mergeAttendeeStatus(target.doc().path("attendees"), doc);
            }
            target.doc(doc);
            target.start = start;
            target.end = end;
            if (patch.has("start")) target.startZone = TimeZones.zoneName(patch.get("start"));
            if (patch.has("end")) target.endZone = TimeZones.zoneName(patch.get("end"));
            applyExtended(target, patch);
            target.lastModified = clock.instant();
            target.version = t.nextVersion();
            cal.reindex(target, oldStart);
            if (before != null) dropVanishedOccurrences(t, cal, target, before);
            result = Instance.of(target);
        }
        fire(t, mailbox.id, target.id, "updated", source, target);
        return result;
    }

    /** The mailbox owner answers a meeting it was invited to: sets the read-only {@code responseStatus} and {@code showAs}. */
    public void respondAsAttendee(Tenant t, DirectoryUser mailbox, String id, String response) {
        MailboxCalendar cal = t.calendar(mailbox.id);
        Instance i = get(t, mailbox.id, id);
        synchronized (cal) {
            EventRecord e = i.source();
            ObjectNode doc = e.doc();
            doc.set("responseStatus", Json.object().put("response", response).put("time", Json.offset(clock.instant())));
            doc.put("showAs", response.equals("accepted") ? "busy" : response.equals("declined") ? "free" : "tentative");
            e.doc(doc);
            e.lastModified = clock.instant();
            e.version = t.nextVersion();
        }
        fire(t, mailbox.id, i.source().id, "updated", Source.GRAPH, i.source());
    }

    /** Records an attendee's (e.g. a room's) response on the organizer's copy. */
    public void setAttendeeResponse(Tenant t, String mailboxId, String eventId, String attendeeAddress, String response) {
        MailboxCalendar cal = t.calendar(mailboxId);
        synchronized (cal) {
            EventRecord e = cal.get(eventId);
            if (e == null) return;
            ObjectNode doc = e.doc();
            boolean changed = false;
            for (JsonNode a : doc.path("attendees")) {
                if (a.path("emailAddress").path("address").asText().equalsIgnoreCase(attendeeAddress)) {
                    ((ObjectNode) a).set("status", Json.object().put("response", response).put("time", Json.offset(clock.instant())));
                    changed = true;
                }
            }
            if (!changed) {
                // A room booked only through location.locationEmailAddress shows up as a resource attendee with its answer.
                ObjectNode a = (doc.has("attendees") ? (ArrayNode) doc.get("attendees") : doc.putArray("attendees")).addObject();
                a.put("type", "resource");
                a.putObject("emailAddress").put("name", attendeeAddress).put("address", attendeeAddress);
                a.set("status", Json.object().put("response", response).put("time", Json.offset(clock.instant())));
            }
            e.doc(doc);
            e.lastModified = clock.instant();
            e.version = t.nextVersion();
        }
        fire(t, mailboxId, eventId, "updated", Source.ASSISTANT, null);
    }

    public void delete(Tenant t, DirectoryUser mailbox, String id, Source source) {
        MailboxCalendar cal = t.calendar(mailbox.id);
        String firedId;
        EventRecord whole = null;
        synchronized (cal) {
            EventIds.Occurrence occ = EventIds.parse(id);
            if (occ != null) {
                EventRecord master = cal.get(occ.masterId());
                if (master == null || !isLiveOccurrence(master, occ.originalStart())) throw GraphException.itemNotFound();
                String exceptionId = master.exceptions.get(occ.originalStart());
                if (exceptionId != null) {
                    deleteException(t, cal, master, cal.get(exceptionId));
                } else {
                    master.cancelled.add(occ.originalStart());
                    long version = t.nextVersion();
                    master.version = version;
                    long duration = master.end.getEpochSecond() - master.start.getEpochSecond();
                    cal.tombstone(id, version, occ.originalStart(), occ.originalStart().plusSeconds(duration));
                }
                firedId = id;
            } else {
                EventRecord e = cal.get(id);
                if (e == null) throw GraphException.itemNotFound();
                whole = e;
                if (e.type == EventRecord.Type.exception) {
                    deleteException(t, cal, cal.get(e.seriesMasterId), e);
                } else {
                    if (e.type == EventRecord.Type.seriesMaster) {
                        for (String ex : e.exceptions.values()) {
                            EventRecord x = cal.get(ex);
                            if (x != null) cal.remove(x, t.nextVersion());
                        }
                    }
                    cal.remove(e, t.nextVersion());
                }
                firedId = id;
            }
        }
        fire(t, mailbox.id, firedId, "deleted", source, whole);
    }

    /** How far ahead of a changed series its vanished occurrences are looked for. */
    private static final long SERIES_HORIZON_DAYS = 3 * 366;

    /** A series master's pattern, start, zone and duration before a change. */
    private record SeriesShape(@Nullable JsonNode recurrence, Instant start, String zone, long duration) {
        static SeriesShape of(EventRecord master) {
            return new SeriesShape(master.recurrence(), master.start, master.startZone,
                    master.end.getEpochSecond() - master.start.getEpochSecond());
        }

        List<Instant> starts(Instant from, Instant to) {
            return recurrence == null ? List.of() : Recurrence.starts(recurrence, start, zone, duration, from, to);
        }
    }

    /**
     * After a series master's pattern or times changed (Outlook's "this and following" ends the series early; moving
     * the series moves every occurrence), the occurrences that no longer exist are gone as in Exchange: a computed
     * occurrence leaves a tombstone so delta reports it {@code @removed}, and an exception of it is deleted. Looked
     * for up to three years past the later of the old and new series start.
     */
    private void dropVanishedOccurrences(Tenant t, MailboxCalendar cal, EventRecord master, SeriesShape before) {
        SeriesShape after = SeriesShape.of(master);
        Instant from = before.start().isBefore(after.start()) ? before.start() : after.start();
        Instant to = (before.start().isAfter(after.start()) ? before.start() : after.start())
                .plus(Duration.ofDays(SERIES_HORIZON_DAYS));
        Set<Instant> remaining = new HashSet<>(after.starts(from, to));
        for (Instant s : before.starts(from, to)) {
            if (remaining.contains(s)) continue;
            String exceptionId = master.exceptions.remove(s);
            if (exceptionId != null) {
                EventRecord exception = cal.get(exceptionId);
                if (exception != null) cal.remove(exception, t.nextVersion());
            } else if (!master.cancelled.contains(s)) {
                cal.tombstone(EventIds.occurrence(master.id, s), t.nextVersion(), s, s.plusSeconds(before.duration()));
            }
            master.cancelled.remove(s);
        }
    }

    private void deleteException(Tenant t, MailboxCalendar cal, EventRecord master, EventRecord exception) {
        if (master != null && exception.originalStart != null) {
            master.cancelled.add(exception.originalStart);
            master.exceptions.remove(exception.originalStart);
        }
        cal.remove(exception, t.nextVersion());
    }

    // --- reads ----------------------------------------------------------------------------------

    public Instance get(Tenant t, String mailboxId, String id) {
        MailboxCalendar cal = t.calendar(mailboxId);
        EventIds.Occurrence occ = EventIds.parse(id);
        if (occ == null) {
            EventRecord e = cal.get(id);
            if (e == null) throw GraphException.itemNotFound();
            return Instance.of(e);
        }
        EventRecord master = cal.get(occ.masterId());
        if (master == null || !isLiveOccurrence(master, occ.originalStart())) throw GraphException.itemNotFound();
        String ex = master.exceptions.get(occ.originalStart());
        if (ex != null && cal.get(ex) != null) return Instance.of(cal.get(ex));
        long duration = master.end.getEpochSecond() - master.start.getEpochSecond();
        return new Instance(id, master, occ.originalStart(), occ.originalStart().plusSeconds(duration), true, occ.originalStart());
    }

    private boolean isLiveOccurrence(EventRecord master, Instant originalStart) {
        return master.type == EventRecord.Type.seriesMaster && !master.cancelled.contains(originalStart)
                && Recurrence.hasOccurrence(master.recurrence(), master.start, master.startZone, originalStart);
    }

    /** Stored single instances and series masters (what {@code /events} lists), newest first as Outlook does not promise an order. */
    public List<EventRecord> list(Tenant t, String mailboxId) {
        List<EventRecord> out = new ArrayList<>();
        for (EventRecord e : t.calendar(mailboxId).all()) if (e.type != EventRecord.Type.exception) out.add(e);
        out.sort(Comparator.comparing((EventRecord e) -> e.start).thenComparing(e -> e.id));
        return out;
    }

    /** calendarView: single instances, exceptions and computed occurrences overlapping [from, to), by start then id. */
    public List<Instance> view(Tenant t, String mailboxId, Instant from, Instant to) {
        MailboxCalendar cal = t.calendar(mailboxId);
        List<Instance> out = new ArrayList<>();
        for (EventRecord e : cal.overlapping(from, to)) out.add(Instance.of(e));
        for (EventRecord m : cal.masters()) out.addAll(occurrences(m, from, to));
        out.sort(Comparator.comparing(Instance::start).thenComparing(Instance::id));
        return out;
    }

    /** The computed occurrences of a master in a window, without cancelled ones and those replaced by exceptions. */
    public List<Instance> occurrences(EventRecord master, Instant from, Instant to) {
        List<Instance> out = new ArrayList<>();
        long duration = master.end.getEpochSecond() - master.start.getEpochSecond();
        for (Instant s : Recurrence.starts(master.recurrence(), master.start, master.startZone, duration, from, to)) {
            if (master.cancelled.contains(s) || master.exceptions.containsKey(s)) continue;
            out.add(new Instance(EventIds.occurrence(master.id, s), master, s, s.plusSeconds(duration), true, s));
        }
        return out;
    }

    // --- validation -----------------------------------------------------------------------------

    private static void validate(ObjectNode body, boolean create) {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.startsWith("@odata") || READ_ONLY.contains(f) || EventJson.WRITABLE.contains(f)) continue;
            throw new GraphException(400, "RequestBodyRead", "The property '" + f + "' does not exist on type 'microsoft.graph.event'. "
                    + "Make sure to only use property names that are defined by the type or mark the type as open type.");
        }
        if (create && (!body.hasNonNull("start") || !body.hasNonNull("end"))) {
            throw new GraphException(400, "ErrorInvalidRequest", "Your request can't be completed. An event needs both 'start' and 'end'.");
        }
        enumValue(body, "showAs", SHOW_AS);
        enumValue(body, "importance", IMPORTANCE);
        enumValue(body, "sensitivity", SENSITIVITY);
        if (body.has("attendees")) {
            if (!body.get("attendees").isArray()) throw new GraphException(400, "RequestBodyRead", "'attendees' must be a collection.");
            for (JsonNode a : body.get("attendees")) {
                if (a.path("emailAddress").path("address").asText("").isBlank()) {
                    throw new GraphException(400, "ErrorInvalidRecipients", "At least one recipient isn't valid., A message can't be sent because it contains no recipients.");
                }
                if (a.has("type") && !ATTENDEE_TYPES.contains(a.get("type").asText())) {
                    throw new GraphException(400, "RequestBodyRead", "Requested value '" + a.get("type").asText() + "' was not found.");
                }
            }
        }
        if (body.hasNonNull("recurrence")) Recurrence.validate(body.get("recurrence"));
        if (body.has("singleValueExtendedProperties")) {
            for (JsonNode p : body.get("singleValueExtendedProperties")) {
                String id = p.path("id").asText("");
                if (!EXTENDED_ID.matcher(id).matches()) {
                    throw new GraphException(400, "ErrorInvalidProperty", "The property id '" + id + "' is not a valid extended property id.");
                }
                if (id.matches("(?s).*\\s0x[0-9A-Fa-f]{4,8}$") && !id.contains("{") && Long.parseLong(id.substring(id.lastIndexOf("0x") + 2), 16) >= 0x80000000L) {
                    throw new GraphException(400, "ErrorInvalidProperty", "Custom properties must use the GUID and name format.");
                }
            }
        }
    }

    private static void enumValue(ObjectNode body, String field, Set<String> allowed) {
        if (body.hasNonNull(field) && !allowed.contains(body.get(field).asText())) {
            throw new GraphException(400, "RequestBodyRead", "Requested value '" + body.get(field).asText() + "' was not found.");
        }
    }

    private static void copyWritable(ObjectNode from, ObjectNode to) {
        from.fields().forEachRemaining(e -> {
            if (EventJson.WRITABLE.contains(e.getKey())) to.set(e.getKey(), e.getValue().deepCopy());
        });
    }

    private static void applyExtended(EventRecord e, ObjectNode body) {
        if (!body.has("singleValueExtendedProperties")) return;
        for (JsonNode p : body.get("singleValueExtendedProperties")) {
            String id = p.path("id").asText();
            if (p.hasNonNull("value")) e.extended.put(id, p.get("value").asText());
            else e.extended.remove(id);
        }
    }

    private void normalizeAttendees(ObjectNode doc) {
        if (!doc.has("attendees")) return;
        for (JsonNode a : doc.get("attendees")) {
            ObjectNode o = (ObjectNode) a;
            if (!o.has("type")) o.put("type", "required");
            o.set("status", Json.object().put("response", "none").put("time", NO_TIME));
        }
    }

    /** Keeps responses already recorded for attendees that stay on the meeting. */
    private void mergeAttendeeStatus(JsonNode before, ObjectNode doc) {
        ArrayNode after = (ArrayNode) doc.get("attendees");
        for (JsonNode a : after) {
            ObjectNode o = (ObjectNode) a;
            if (!o.has("type")) o.put("type", "required");
            o.set("status", Json.object().put("response", "none").put("time", NO_TIME));
            for (JsonNode b : before) {
                if (b.path("emailAddress").path("address").asText().equalsIgnoreCase(o.path("emailAddress").path("address").asText())) {
                    o.set("status", b.path("status").deepCopy());
                }
            }
        }
    }

    static ObjectNode recipient(DirectoryUser u) {
        ObjectNode r = Json.object();
        r.putObject("emailAddress").put("name", u.graph.path("displayName").asText("")).put("address", u.mail());
        return r;
    }

    private static String ical() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return "040000008200E00074C5B7101A82E00800000000" + HexFormat.of().withUpperCase().toHexDigits(r.nextLong()) + HexFormat.of().withUpperCase().toHexDigits(r.nextLong());
    }
}
