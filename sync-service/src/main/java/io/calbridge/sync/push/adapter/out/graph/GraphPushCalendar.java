package io.calbridge.sync.push.adapter.out.graph;

import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Location;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import io.calbridge.common.CalbridgeTag;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.sync.push.application.PushCalendar;
import io.calbridge.sync.push.domain.EventContent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * {@link PushCalendar} through the shared Graph access layer, on the mailbox's pacing budget. Times are sent in the
 * event's own zone (UTC when none), so an all-day event is bounded by that zone's midnights as Graph requires.
 */
@Component
public class GraphPushCalendar implements PushCalendar {

    private final TenantGraphs graphs;

    public GraphPushCalendar(TenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public String create(String tenantId, String mailboxId, EventContent content, String transactionId, String tag) {
        Event event = event(content);
        event.setTransactionId(transactionId);
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(CalbridgeTag.PROPERTY_ID);
        property.setValue(tag);
        event.setSingleValueExtendedProperties(List.of(property));
        Event created = join(graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(mailboxId).events().post(event)));
        return created.getId();
    }

    @Override
    public void update(String tenantId, String mailboxId, String graphEventId, EventContent content) {
        Event patch = event(content);
        join(graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(mailboxId).events().byEventId(graphEventId).patch(patch)));
    }

    @Override
    public void delete(String tenantId, String mailboxId, String graphEventId) {
        try {
            join(graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND, sdk -> {
                sdk.users().byUserId(mailboxId).events().byEventId(graphEventId).delete();
                return null;
            }));
        } catch (GraphFailure.NotFound alreadyGone) {
            // deleting what is gone is what was asked for
        }
    }

    private static Event event(EventContent c) {
        Event e = new Event();
        e.setSubject(c.subject() == null ? "" : c.subject());
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(c.body() == null ? "" : c.body());
        e.setBody(body);
        String zone = c.timeZone() == null ? "UTC" : c.timeZone();
        e.setStart(at(c.start(), zone));
        e.setEnd(at(c.end(), zone));
        e.setIsAllDay(c.allDay());
        FreeBusyStatus showAs = FreeBusyStatus.forValue(c.showAs() == null ? "busy" : c.showAs());
        e.setShowAs(showAs == null ? FreeBusyStatus.Busy : showAs);
        Location location = new Location();
        location.setDisplayName(c.location() == null ? "" : c.location());
        if (c.locationAddress() != null) {
            location.setLocationEmailAddress(c.locationAddress());
        }
        e.setLocation(location);
        List<Attendee> attendees = new ArrayList<>();
        for (EventContent.Guest g : c.attendees()) {
            Attendee a = new Attendee();
            EmailAddress address = new EmailAddress();
            address.setAddress(g.address());
            address.setName(g.name());
            a.setEmailAddress(address);
            AttendeeType type = AttendeeType.forValue(g.type());
            a.setType(type == null ? AttendeeType.Required : type);
            attendees.add(a);
        }
        e.setAttendees(attendees);
        if (c.categories() != null) {
            e.setCategories(new ArrayList<>(c.categories()));
        }
        return e;
    }

    private static DateTimeTimeZone at(Instant instant, String zone) {
        ZoneId id = zone.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(zone);
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(LocalDateTime.ofInstant(instant, id).toString());
        t.setTimeZone(zone);
        return t;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
