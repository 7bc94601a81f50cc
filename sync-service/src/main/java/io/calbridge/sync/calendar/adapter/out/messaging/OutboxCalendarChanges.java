package io.calbridge.sync.calendar.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Participant;
import io.calbridge.common.events.calendar.Attendee;
import io.calbridge.common.events.calendar.AttendeeType;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.Location;
import io.calbridge.common.events.calendar.Recurrence;
import io.calbridge.common.events.calendar.ResponseStatus;
import io.calbridge.common.events.calendar.ShowAs;
import io.calbridge.messaging.Outbox;
import io.calbridge.sync.calendar.application.CalendarChanges;
import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.Change;
import io.calbridge.sync.calendar.domain.Invitee;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.Person;
import io.calbridge.sync.calendar.domain.Place;
import io.calbridge.sync.calendar.domain.SeriesPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Publishes {@code CalendarEventChanged} on {@code sync.calendar-events} through the transactional outbox. */
@Component
public class OutboxCalendarChanges implements CalendarChanges {

    private final Outbox outbox;
    private final CloudEventCodec codec;

    public OutboxCalendarChanges(Outbox outbox, CloudEventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void publish(Mailbox mailbox, Change change, String eventId, CalendarItem item, Instant observedAt,
                        String correlationId) {
        CalendarEventChanged event = new CalendarEventChanged(mailbox.tenantId(), mailbox.mailboxId(), mailbox.address(),
                mailbox.kind() == Mailbox.Kind.ROOM ? MailboxKind.ROOM : MailboxKind.USER, changeType(change), eventId,
                change == Change.DELETED ? null : snapshot(item), observedAt, correlationId);
        outbox.append(codec.encode(event, UUID.randomUUID(), observedAt));
    }

    private static CalendarEventChanged.ChangeType changeType(Change change) {
        return switch (change) {
            case CREATED -> CalendarEventChanged.ChangeType.CREATED;
            case UPDATED -> CalendarEventChanged.ChangeType.UPDATED;
            case DELETED -> CalendarEventChanged.ChangeType.DELETED;
            case UNCHANGED -> throw new IllegalArgumentException("an unchanged event is not published");
        };
    }

    static CalendarEventChanged.Snapshot snapshot(CalendarItem i) {
        List<Attendee> attendees = new ArrayList<>();
        for (Invitee a : i.attendees()) {
            Participant p = participant(a.person());
            if (p != null) {
                attendees.add(new Attendee(p, attendeeType(a.type()), response(a.response())));
            }
        }
        String iCalUId = i.iCalUId() == null || i.iCalUId().isBlank() ? i.eventId() : i.iCalUId();
        return new CalendarEventChanged.Snapshot(blankToNull(i.subject()), i.start(), i.end(), i.allDay(), showAs(i.showAs()),
                i.cancelled(), ownResponse(i.ownResponse()), participant(i.organizer()), attendees, location(i.location()),
                recurrence(i.series()), iCalUId, i.changeKey(), i.lastModified() == null ? i.start() : i.lastModified(),
                blankToNull(i.tag()));
    }

    private static Recurrence recurrence(SeriesPosition s) {
        return switch (s.kind()) {
            case SINGLE_INSTANCE -> Recurrence.SINGLE;
            case SERIES_MASTER -> new Recurrence(Recurrence.Type.SERIES_MASTER, null, null);
            case OCCURRENCE -> new Recurrence(Recurrence.Type.OCCURRENCE, s.seriesMasterId(), s.originalStart());
            case EXCEPTION -> new Recurrence(Recurrence.Type.EXCEPTION, s.seriesMasterId(), s.originalStart());
        };
    }

    private static Participant participant(Person p) {
        if (p == null || p.address() == null || !isAddress(p.address())) {
            return null;
        }
        return new Participant(p.address(), blankToNull(p.name()));
    }

    private static Location location(Place place) {
        if (place == null || place.displayName() == null || place.displayName().isBlank()) {
            return null;
        }
        String address = place.address() != null && isAddress(place.address()) ? place.address() : null;
        return new Location(place.displayName(), address);
    }

    private static boolean isAddress(String value) {
        int at = value.indexOf('@');
        return at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1 && value.strip().length() == value.length();
    }

    private static ShowAs showAs(String value) {
        if (value == null) {
            return ShowAs.UNKNOWN;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "free" -> ShowAs.FREE;
            case "tentative" -> ShowAs.TENTATIVE;
            case "busy" -> ShowAs.BUSY;
            case "oof" -> ShowAs.OUT_OF_OFFICE;
            case "workingelsewhere" -> ShowAs.WORKING_ELSEWHERE;
            default -> ShowAs.UNKNOWN;
        };
    }

    private static ResponseStatus ownResponse(String value) {
        return value == null ? ResponseStatus.NONE : response(value);
    }

    private static ResponseStatus response(String value) {
        if (value == null) {
            return ResponseStatus.NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "organizer" -> ResponseStatus.ORGANIZER;
            case "tentativelyaccepted" -> ResponseStatus.TENTATIVELY_ACCEPTED;
            case "accepted" -> ResponseStatus.ACCEPTED;
            case "declined" -> ResponseStatus.DECLINED;
            case "notresponded" -> ResponseStatus.NOT_RESPONDED;
            default -> ResponseStatus.NONE;
        };
    }

    private static AttendeeType attendeeType(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "optional" -> AttendeeType.OPTIONAL;
            case "resource" -> AttendeeType.RESOURCE;
            default -> AttendeeType.REQUIRED;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
