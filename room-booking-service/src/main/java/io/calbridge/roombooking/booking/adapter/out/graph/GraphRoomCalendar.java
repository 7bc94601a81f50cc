package io.calbridge.roombooking.booking.adapter.out.graph;

import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.Location;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.roombooking.booking.application.RoomCalendar;
import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.RoomAnswer;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.service.graph.TenantGraphs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Booking events through Graph with interactive priority (GRAPH-FACTS §5.1–5.2, §6.3): {@code POST /users/{room}/events}
 * for ROOM_CALENDAR, {@code POST /users/{organizer}/events} with the room as resource attendee for INVITE; every event
 * carries {@link CalbridgeTag} {@code booking:<id>} and a transactionId derived from tenant and idempotency key.
 */
@Component
public class GraphRoomCalendar implements RoomCalendar {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final TenantGraphs graphs;
    private final Duration timeout;

    public GraphRoomCalendar(TenantGraphs graphs, @Value("${roombooking.graph.timeout:PT30S}") Duration timeout) {
        this.graphs = graphs;
        this.timeout = timeout;
    }

    /** The transactionId of a booking's event: the same for every retry of one idempotent request. */
    static String transactionId(Booking b) {
        return UUID.nameUUIDFromBytes((b.tenantId() + "/" + b.idempotencyKey()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public List<TimeSlot> blockingEvents(String tenantId, String roomId, TimeSlot slot, String ownTag) {
        TenantGraph graph = graphs.forTenant(tenantId);
        List<TimeSlot> out = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            EventCollectionResponse page = call(graph, roomId, sdk -> url != null
                    ? sdk.users().byUserId(roomId).calendarView().withUrl(url).get()
                    : sdk.users().byUserId(roomId).calendarView().get(c -> {
                        c.queryParameters.startDateTime = slot.start().toString();
                        c.queryParameters.endDateTime = slot.end().toString();
                        c.queryParameters.top = 100;
                        c.queryParameters.expand = new String[] {
                                "singleValueExtendedProperties($filter=id eq '" + CalbridgeTag.PROPERTY_ID + "')"};
                    }));
            for (Event e : page.getValue()) {
                if (Boolean.TRUE.equals(e.getIsCancelled()) || e.getShowAs() == FreeBusyStatus.Free
                        || e.getShowAs() == FreeBusyStatus.WorkingElsewhere || ownTag.equals(tagOf(e))) {
                    continue;
                }
                TimeSlot busy = new TimeSlot(instant(e.getStart()), instant(e.getEnd()));
                if (busy.overlaps(slot)) {
                    out.add(busy);
                }
            }
            next = page.getOdataNextLink();
        } while (next != null);
        return out;
    }

    @Override
    public WrittenEvent create(Booking b) {
        TenantGraph graph = graphs.forTenant(b.tenantId());
        Event event = body(b);
        event.setTransactionId(transactionId(b));
        SingleValueLegacyExtendedProperty tag = new SingleValueLegacyExtendedProperty();
        tag.setId(CalbridgeTag.PROPERTY_ID);
        tag.setValue(b.tag());
        event.setSingleValueExtendedProperties(List.of(tag));
        String mailbox = b.eventMailbox();
        CompletableFuture<Event> write = graph.call(GraphTarget.mailbox(mailbox), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(mailbox).events().post(event));
        Event created;
        try {
            created = await(write, timeout, false);
        } catch (CalendarUnavailable e) {
            if (e.getCause() instanceof TimeoutException) {
                // The write may still land after we gave up; the booking is FAILED by then, so remove a late event.
                write.thenAccept(late -> graph.call(GraphTarget.mailbox(mailbox), Priority.INTERACTIVE, sdk -> {
                    sdk.users().byUserId(mailbox).events().byEventId(late.getId()).delete();
                    return null;
                }));
            }
            throw e;
        }
        return new WrittenEvent(mailbox, created.getId(), created.getICalUId());
    }

    @Override
    public void update(Booking b) {
        if (b.eventId() == null) {
            return;
        }
        TenantGraph graph = graphs.forTenant(b.tenantId());
        Event patch = body(b);
        call(graph, b.eventMailbox(), sdk -> sdk.users().byUserId(b.eventMailbox()).events().byEventId(b.eventId()).patch(patch));
    }

    @Override
    public void delete(Booking b) {
        if (b.eventId() == null) {
            deleteTagged(b, b.eventMailbox());
            return;
        }
        TenantGraph graph = graphs.forTenant(b.tenantId());
        try {
            call(graph, b.eventMailbox(), sdk -> {
                sdk.users().byUserId(b.eventMailbox()).events().byEventId(b.eventId()).delete();
                return null;
            });
        } catch (CalendarUnavailable e) {
            if (!(e.getCause() instanceof GraphFailure.NotFound)) {
                throw e;
            }
        }
    }

    @Override
    public void deleteTagged(Booking b, String mailbox) {
        TenantGraph graph = graphs.forTenant(b.tenantId());
        for (Event e : tagged(graph, b, mailbox)) {
            try {
                call(graph, mailbox, sdk -> {
                    sdk.users().byUserId(mailbox).events().byEventId(e.getId()).delete();
                    return null;
                });
            } catch (CalendarUnavailable gone) {
                if (!(gone.getCause() instanceof GraphFailure.NotFound)) {
                    throw gone;
                }
            }
        }
    }

    @Override
    public Optional<WrittenEvent> findTagged(Booking b) {
        String mailbox = b.eventMailbox();
        return tagged(graphs.forTenant(b.tenantId()), b, mailbox).stream()
                .filter(e -> !Boolean.TRUE.equals(e.getIsCancelled()))
                .findFirst()
                .map(e -> new WrittenEvent(mailbox, e.getId(), e.getICalUId()));
    }

    /** The events in {@code mailbox} carrying the booking's {@link CalbridgeTag}. */
    private List<Event> tagged(TenantGraph graph, Booking b, String mailbox) {
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + CalbridgeTag.PROPERTY_ID
                + "' and ep/value eq '" + b.tag() + "')";
        EventCollectionResponse found = call(graph, mailbox, sdk -> sdk.users().byUserId(mailbox).events()
                .get(c -> {
                    c.queryParameters.filter = filter;
                    c.queryParameters.select = new String[] {"id", "iCalUId", "isCancelled"};
                }));
        return found.getValue() == null ? List.of() : found.getValue();
    }

    @Override
    public RoomAnswer answer(Booking b) {
        TenantGraph graph = graphs.forTenant(b.tenantId());
        Event event;
        try {
            event = call(graph, b.eventMailbox(), sdk -> sdk.users().byUserId(b.eventMailbox()).events()
                    .byEventId(b.eventId()).get(c -> c.queryParameters.select = new String[] {"id", "attendees"}));
        } catch (CalendarUnavailable e) {
            if (e.getCause() instanceof GraphFailure.NotFound) {
                return RoomAnswer.EVENT_MISSING;
            }
            throw e;
        }
        if (event.getAttendees() == null) {
            return RoomAnswer.NONE;
        }
        for (Attendee a : event.getAttendees()) {
            if (a.getEmailAddress() != null && b.roomEmail().equalsIgnoreCase(a.getEmailAddress().getAddress())
                    && a.getStatus() != null && a.getStatus().getResponse() != null) {
                return switch (a.getStatus().getResponse()) {
                    case Accepted -> RoomAnswer.ACCEPTED;
                    case Declined -> RoomAnswer.DECLINED;
                    case TentativelyAccepted -> RoomAnswer.TENTATIVE;
                    default -> RoomAnswer.NONE;
                };
            }
        }
        return RoomAnswer.NONE;
    }

    private static Event body(Booking b) {
        Event event = new Event();
        event.setSubject(b.subject() == null ? "" : b.subject());
        event.setStart(dateTime(b.slot().start()));
        event.setEnd(dateTime(b.slot().end()));
        event.setShowAs(FreeBusyStatus.Busy);
        Location location = new Location();
        location.setDisplayName(b.roomEmail());
        location.setLocationEmailAddress(b.roomEmail());
        event.setLocation(location);
        List<Attendee> attendees = new ArrayList<>();
        if (b.mode() == BookingMode.ROOM_CALENDAR) {
            attendees.add(attendee(b.organizer(), b.organizerName(), AttendeeType.Required));
        } else {
            attendees.add(attendee(b.roomEmail(), null, AttendeeType.Resource));
        }
        for (String address : b.attendees()) {
            if (!address.equalsIgnoreCase(b.organizer())) {
                attendees.add(attendee(address, null, AttendeeType.Required));
            }
        }
        event.setAttendees(attendees);
        return event;
    }

    private static Attendee attendee(String address, String name, AttendeeType type) {
        EmailAddress email = new EmailAddress();
        email.setAddress(address);
        if (name != null) {
            email.setName(name);
        }
        Attendee attendee = new Attendee();
        attendee.setEmailAddress(email);
        attendee.setType(type);
        return attendee;
    }

    private static DateTimeTimeZone dateTime(Instant instant) {
        DateTimeTimeZone d = new DateTimeTimeZone();
        d.setDateTime(LOCAL.format(instant.atOffset(ZoneOffset.UTC)));
        d.setTimeZone("UTC");
        return d;
    }

    static Instant instant(DateTimeTimeZone d) {
        // Every calendar read carries Prefer: outlook.timezone="UTC" (graph-client), so the value is UTC.
        return LocalDateTime.parse(d.getDateTime()).toInstant(ZoneOffset.UTC);
    }

    private static String tagOf(Event e) {
        if (e.getSingleValueExtendedProperties() == null) {
            return null;
        }
        return e.getSingleValueExtendedProperties().stream()
                .filter(p -> CalbridgeTag.PROPERTY_ID.equalsIgnoreCase(p.getId()))
                .map(SingleValueLegacyExtendedProperty::getValue).findFirst().orElse(null);
    }

    private <T> T call(TenantGraph graph, String mailbox, Function<GraphServiceClient, T> request) {
        CompletableFuture<T> future = graph.call(GraphTarget.mailbox(mailbox), Priority.INTERACTIVE, request);
        return await(future, timeout);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) {
        return await(future, timeout, true);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout, boolean cancelOnTimeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean temporary = cause instanceof GraphFailure.Throttled || cause instanceof GraphFailure.CircuitOpen
                    || cause instanceof GraphFailure.Transient;
            throw new CalendarUnavailable("Microsoft Graph: " + cause.getMessage(), temporary, cause);
        } catch (TimeoutException e) {
            if (cancelOnTimeout) {
                future.cancel(true);
            }
            throw new CalendarUnavailable("Microsoft Graph did not answer within " + timeout, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalendarUnavailable("Interrupted while waiting for Microsoft Graph", true, e);
        }
    }
}
