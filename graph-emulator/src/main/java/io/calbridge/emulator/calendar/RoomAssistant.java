package io.calbridge.emulator.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.EventRecord;
import io.calbridge.emulator.store.MailboxCalendar;
import io.calbridge.emulator.store.Room;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The Resource Booking Assistant (GRAPH-FACTS §6.2–6.3). When a meeting in an organizer's calendar
 * invites a room (attendee of type {@code resource} or {@code location.locationEmailAddress}), the room
 * answers after the configured delay: with {@code AutoAccept} it declines for a conflict (unless
 * AllowConflicts), a duration over MaximumDurationInMinutes or a start (or series end) beyond
 * BookingWindowInDays, and otherwise accepts and books the room's calendar; {@code AutoUpdate} leaves
 * the request tentative; {@code None} does nothing. The organizer's copy shows the response.
 * Events written straight into a room's calendar are never checked, as in Exchange.
 */
public final class RoomAssistant implements CalendarService.Listener {
    private final CalendarService calendar;
    private final EmulatorOptions options;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public RoomAssistant(CalendarService calendar, EmulatorOptions options, ScheduledExecutorService scheduler, Clock clock) {
        this.calendar = calendar;
        this.options = options;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void changed(Tenant t, String mailboxId, String eventId, String changeType, CalendarService.Source source,
                        @Nullable EventRecord event) {
        if (source == CalendarService.Source.ASSISTANT) return;
        DirectoryUser owner = t.users.get(mailboxId);
        if (owner == null || owner.mailbox == DirectoryUser.MailboxKind.ROOM) return;
        if (changeType.equals("deleted")) {
            // The organizer cancelled the whole meeting: the rooms it booked are freed.
            if (event != null && event.type != EventRecord.Type.exception) {
                Set<String> rooms = invitedRooms(t, event.doc());
                if (!rooms.isEmpty()) {
                    scheduler.schedule(() -> Thread.ofVirtual().start(() -> cancel(t, event, rooms)),
                            options.roomResponseDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            return;
        }
        EventRecord e = t.calendar(mailboxId).get(eventId);
        if (e == null) return;
        ObjectNode doc = e.doc();
        if (!doc.path("isOrganizer").asBoolean(true)) return;
        Set<String> roomEmails = invitedRooms(t, doc);
        if (roomEmails.isEmpty()) return;
        scheduler.schedule(() -> Thread.ofVirtual().start(() -> process(t, mailboxId, eventId, roomEmails)),
                options.roomResponseDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Set<String> invitedRooms(Tenant t, JsonNode doc) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode a : doc.path("attendees")) {
            String addr = a.path("emailAddress").path("address").asText("").toLowerCase();
            if (t.rooms.containsKey(addr)) out.add(addr);
        }
        String loc = doc.path("location").path("locationEmailAddress").asText("").toLowerCase();
        if (t.rooms.containsKey(loc)) out.add(loc);
        for (JsonNode l : doc.path("locations")) {
            String a = l.path("locationEmailAddress").asText("").toLowerCase();
            if (t.rooms.containsKey(a)) out.add(a);
        }
        return out;
    }

    private void cancel(Tenant t, EventRecord cancelled, Set<String> roomEmails) {
        for (String email : roomEmails) {
            Room room = t.rooms.get(email);
            DirectoryUser roomUser = room == null ? null : t.users.get(room.id());
            if (roomUser == null) continue;
            t.calendar(roomUser.id).all().stream().filter(x -> x.iCalUId.equals(cancelled.iCalUId)).findFirst()
                    .ifPresent(copy -> calendar.delete(t, roomUser, copy.id, CalendarService.Source.ASSISTANT));
        }
    }

    private void process(Tenant t, String organizerId, String eventId, Set<String> roomEmails) {
        EventRecord e = t.calendar(organizerId).get(eventId);
        if (e == null) return;
        for (String email : roomEmails) {
            Room room = t.rooms.get(email);
            DirectoryUser roomUser = room == null ? null : t.users.get(room.id());
            if (room == null || roomUser == null) continue;
            String mode = room.booking().automateProcessing();
            if (mode.equalsIgnoreCase("None")) continue;
            MailboxCalendar roomCal = t.calendar(roomUser.id);
            EventRecord existing = roomCal.all().stream().filter(x -> x.iCalUId.equals(e.iCalUId)).findFirst().orElse(null);
            String response;
            if (mode.equalsIgnoreCase("AutoUpdate")) {
                response = "tentativelyAccepted";
            } else {
                response = acceptable(t, room, roomUser, e, existing) ? "accepted" : "declined";
            }
            if (response.equals("declined")) {
                if (existing != null) calendar.delete(t, roomUser, existing.id, CalendarService.Source.ASSISTANT);
            } else {
                ObjectNode doc = roomCopy(t, e, response);
                if (existing == null) {
                    calendar.createCopy(t, roomUser, e, doc, CalendarService.Source.ASSISTANT);
                } else {
                    ObjectNode patch = Json.object();
                    patch.set("start", TimeZones.write(e.start, "UTC"));
                    patch.set("end", TimeZones.write(e.end, "UTC"));
                    patch.put("showAs", doc.path("showAs").asText());
                    calendar.update(t, roomUser, existing.id, patch, CalendarService.Source.ASSISTANT);
                }
            }
            calendar.setAttendeeResponse(t, organizerId, eventId, email, response);
        }
    }

    private boolean acceptable(Tenant t, Room room, DirectoryUser roomUser, EventRecord e, EventRecord existing) {
        Room.Booking b = room.booking();
        long minutes = Duration.between(e.start, e.end).toMinutes();
        if (b.maximumDurationInMinutes() > 0 && minutes > b.maximumDurationInMinutes()) return false;
        Instant horizon = clock.instant().plus(Duration.ofDays(b.bookingWindowInDays()));
        if (e.start.isAfter(horizon)) return false;
        List<Instance> instances;
        if (e.type == EventRecord.Type.seriesMaster) {
            LocalDate last = Recurrence.lastDate(e.recurrence(), e.start, e.startZone);
            if (last == null || last.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(horizon)) return false;
            instances = calendar.occurrences(e, e.start, horizon);
        } else {
            instances = List.of(Instance.of(e));
        }
        if (b.allowConflicts()) return true;
        for (Instance i : instances) {
            for (Instance other : calendar.view(t, roomUser.id, i.start(), i.end())) {
                if (existing != null && other.source() == existing) continue;
                if (other.source().iCalUId.equals(e.iCalUId)) continue;
                String showAs = other.source().showAs;
                if (!showAs.equals("free") && !other.source().isCancelled) return false;
            }
        }
        return true;
    }

    /** The room's copy: Exchange's defaults replace the subject with the organizer's name and drop the body. */
    private static ObjectNode roomCopy(Tenant t, EventRecord e, String response) {
        ObjectNode doc = Json.object();
        ObjectNode source = e.doc();
        String organizerName = source.path("organizer").path("emailAddress").path("name").asText("");
        doc.put("subject", organizerName);
        doc.set("organizer", source.path("organizer"));
        doc.put("isOrganizer", false);
        doc.put("showAs", response.equals("accepted") ? "busy" : "tentative");
        doc.set("responseStatus", Json.object().put("response", response).put("time", Json.offset(Instant.now())));
        if (source.has("location")) doc.set("location", source.get("location"));
        if (source.has("attendees")) doc.set("attendees", source.get("attendees"));
        if (source.has("recurrence")) doc.set("recurrence", source.get("recurrence"));
        return doc;
    }
}
