package io.calbridge.sync.calendar.adapter.out.graph;

import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.kiota.serialization.ValuedEnum;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.sync.calendar.application.DeltaExpired;
import io.calbridge.sync.calendar.application.MailboxCalendar;
import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.DeltaPage;
import io.calbridge.sync.calendar.domain.Invitee;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.Person;
import io.calbridge.sync.calendar.domain.Place;
import io.calbridge.sync.calendar.domain.SeriesPosition;
import io.calbridge.sync.calendar.domain.SyncWindow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link MailboxCalendar} through the shared Graph access layer (paced per app and mailbox, background priority).
 * calendarView/delta does not return extended properties, so Calbridge's tag is read with
 * {@code $expand=singleValueExtendedProperties($filter=id eq '…')}: for a whole mailbox with one filtered listing
 * of the tagged items at the start of a baseline, and item by item for events first seen in an incremental round.
 */
@Component
public class GraphMailboxCalendar implements MailboxCalendar {

    private static final String EXPAND_TAG = "singleValueExtendedProperties($filter=id eq '" + CalbridgeTag.PROPERTY_ID + "')";
    private static final String FILTER_TAGGED = "singleValueExtendedProperties/Any(ep: ep/id eq '" + CalbridgeTag.PROPERTY_ID + "')";

    private final TenantGraphs graphs;
    private final int pageSize;

    public GraphMailboxCalendar(TenantGraphs graphs, @Value("${sync.delta-page-size:100}") int pageSize) {
        this.graphs = graphs;
        this.pageSize = pageSize;
    }

    @Override
    public DeltaPage delta(Mailbox mailbox, SyncWindow window, String link) {
        String user = mailbox.mailboxId();
        String prefer = "odata.maxpagesize=" + pageSize;
        DeltaGetResponse response;
        try {
            response = call(mailbox, sdk -> link == null
                    ? sdk.users().byUserId(user).calendarView().delta().get(rc -> {
                        rc.queryParameters.startDateTime = DateTimeFormatter.ISO_INSTANT.format(window.start());
                        rc.queryParameters.endDateTime = DateTimeFormatter.ISO_INSTANT.format(window.end());
                        rc.headers.add("Prefer", prefer);
                    })
                    : sdk.users().byUserId(user).calendarView().delta().withUrl(link).get(rc -> rc.headers.add("Prefer", prefer)));
        } catch (GraphFailure f) {
            if (f.status() == 410 || "syncStateNotFound".equalsIgnoreCase(f.code()) || "resyncRequired".equalsIgnoreCase(f.code())) {
                throw new DeltaExpired(f.status() + " " + f.code());
            }
            throw f;
        }
        List<CalendarItem> items = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (response.getValue() != null) {
            for (Event e : response.getValue()) {
                if (e.getAdditionalData() != null && e.getAdditionalData().containsKey("@removed")) {
                    removed.add(e.getId());
                } else {
                    items.add(item(e));
                }
            }
        }
        String next = response.getOdataNextLink();
        String delta = response.getOdataDeltaLink();
        if (next == null && delta == null) {
            throw new IllegalStateException("calendarView/delta page without nextLink or deltaLink for " + user);
        }
        return new DeltaPage(items, removed, next, next == null ? delta : null);
    }

    @Override
    public Map<String, String> taggedItems(Mailbox mailbox) {
        String user = mailbox.mailboxId();
        Map<String, String> tags = new HashMap<>();
        EventCollectionResponse page = call(mailbox, sdk -> sdk.users().byUserId(user).events().get(rc -> {
            rc.queryParameters.filter = FILTER_TAGGED;
            rc.queryParameters.expand = new String[] {EXPAND_TAG};
            rc.queryParameters.top = 100;
        }));
        while (page != null) {
            if (page.getValue() != null) {
                page.getValue().forEach(e -> {
                    String tag = tag(e);
                    if (tag != null) {
                        tags.put(e.getId(), tag);
                    }
                });
            }
            String next = page.getOdataNextLink();
            page = next == null ? null : call(mailbox, sdk -> sdk.users().byUserId(user).events().withUrl(next).get());
        }
        return tags;
    }

    @Override
    public Optional<String> tagOf(Mailbox mailbox, String itemId) {
        try {
            Event e = call(mailbox, sdk -> sdk.users().byUserId(mailbox.mailboxId()).events().byEventId(itemId)
                    .get(rc -> rc.queryParameters.expand = new String[] {EXPAND_TAG}));
            return Optional.ofNullable(tag(e));
        } catch (GraphFailure.NotFound gone) {
            return Optional.empty();
        }
    }

    private <T> T call(Mailbox mailbox, Function<GraphServiceClient, T> request) {
        TenantGraph graph = graphs.forTenant(mailbox.tenantId());
        try {
            return graph.call(new GraphTarget.Mailbox(mailbox.mailboxId()), Priority.BACKGROUND, request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static String tag(Event e) {
        if (e == null || e.getSingleValueExtendedProperties() == null) {
            return null;
        }
        for (SingleValueLegacyExtendedProperty p : e.getSingleValueExtendedProperties()) {
            if (CalbridgeTag.PROPERTY_ID.equalsIgnoreCase(p.getId()) && p.getValue() != null && !p.getValue().isBlank()) {
                return p.getValue();
            }
        }
        return null;
    }

    static CalendarItem item(Event e) {
        SeriesPosition series = series(e);
        List<Invitee> attendees = new ArrayList<>();
        if (e.getAttendees() != null) {
            for (Attendee a : e.getAttendees()) {
                Person p = person(a);
                if (p != null) {
                    String response = a.getStatus() == null ? null : value(a.getStatus().getResponse());
                    attendees.add(new Invitee(p, a.getType() == null ? "required" : a.getType().getValue(),
                            response == null ? "none" : response));
                }
            }
        }
        Place place = null;
        if (e.getLocation() != null && e.getLocation().getDisplayName() != null && !e.getLocation().getDisplayName().isBlank()) {
            place = new Place(e.getLocation().getDisplayName(), e.getLocation().getLocationEmailAddress());
        }
        Instant start = instant(e.getStart());
        Instant end = instant(e.getEnd());
        return new CalendarItem(e.getId(), e.getSubject(), start, end.isBefore(start) ? start : end,
                Boolean.TRUE.equals(e.getIsAllDay()), value(e.getShowAs()), Boolean.TRUE.equals(e.getIsCancelled()),
                e.getResponseStatus() == null ? null : value(e.getResponseStatus().getResponse()),
                person(e.getOrganizer()), attendees, place, series, e.getICalUId(),
                e.getChangeKey() == null ? String.valueOf(e.getLastModifiedDateTime()) : e.getChangeKey(),
                e.getLastModifiedDateTime() == null ? null : e.getLastModifiedDateTime().toInstant(), tag(e));
    }

    private static SeriesPosition series(Event e) {
        String type = e.getType() == null ? "singleInstance" : e.getType().getValue();
        Instant originalStart = e.getOriginalStart() == null ? null : e.getOriginalStart().toInstant();
        return switch (type) {
            case "occurrence", "exception" -> {
                if (e.getSeriesMasterId() == null) {
                    yield SeriesPosition.SINGLE;
                }
                Instant original = originalStart != null ? originalStart : instant(e.getStart());
                yield new SeriesPosition(type.equals("occurrence") ? SeriesPosition.Kind.OCCURRENCE : SeriesPosition.Kind.EXCEPTION,
                        e.getSeriesMasterId(), original);
            }
            case "seriesMaster" -> new SeriesPosition(SeriesPosition.Kind.SERIES_MASTER, null, null);
            default -> SeriesPosition.SINGLE;
        };
    }

    private static Person person(Recipient r) {
        if (r == null || r.getEmailAddress() == null || r.getEmailAddress().getAddress() == null
                || r.getEmailAddress().getAddress().isBlank()) {
            return null;
        }
        return new Person(r.getEmailAddress().getAddress(), r.getEmailAddress().getName());
    }

    private static String value(ValuedEnum e) {
        return e == null ? null : e.getValue();
    }

    /** Graph's {@code dateTimeTimeZone}; with {@code Prefer: outlook.timezone="UTC"} the zone is UTC. */
    static Instant instant(DateTimeTimeZone t) {
        if (t == null || t.getDateTime() == null) {
            throw new IllegalArgumentException("event without start or end");
        }
        String text = t.getDateTime();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException notOffset) {
            LocalDateTime local = LocalDateTime.parse(text);
            ZoneId zone = ZoneOffset.UTC;
            if (t.getTimeZone() != null && !t.getTimeZone().equalsIgnoreCase("UTC")) {
                try {
                    zone = ZoneId.of(t.getTimeZone());
                } catch (RuntimeException unknownZone) {
                    zone = ZoneOffset.UTC;
                }
            }
            return local.atZone(zone).toInstant();
        }
    }
}
