package io.calbridge.common.cloudevents;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.booking.RoomBookingCancelled;
import io.calbridge.common.events.booking.RoomBookingDeclined;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.common.events.enrollment.MailboxEnrollmentFailed;
import io.calbridge.common.events.enrollment.MailboxUnenrolled;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.events.tenant.TenantRemoved;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code ce_type} registry: every event type Calbridge publishes, written out by hand. Wire names are
 * never derived from class names, so renaming or moving a record cannot change what is on the wire. A
 * breaking change to a record gets a new {@code .v2} row next to the old one until consumers have moved.
 */
public final class EventTypes {

    /** Every registered type, grouped by topic in the order of {@link Topics#ALL}. */
    public static final List<EventType> ALL = List.of(
            new EventType("io.calbridge.directory.UserOnboarded.v1", UserOnboarded.class, Topics.DIRECTORY_USERS),
            new EventType("io.calbridge.directory.UserOffboarded.v1", UserOffboarded.class, Topics.DIRECTORY_USERS),
            new EventType("io.calbridge.enrollment.MailboxEnrolled.v1", MailboxEnrolled.class, Topics.ENROLLMENTS),
            new EventType("io.calbridge.enrollment.MailboxEnrollmentFailed.v1", MailboxEnrollmentFailed.class, Topics.ENROLLMENTS),
            new EventType("io.calbridge.enrollment.MailboxUnenrolled.v1", MailboxUnenrolled.class, Topics.ENROLLMENTS),
            new EventType("io.calbridge.account.AccountConnected.v1", AccountConnected.class, Topics.ACCOUNTS),
            new EventType("io.calbridge.account.AccountDisconnected.v1", AccountDisconnected.class, Topics.ACCOUNTS),
            new EventType("io.calbridge.calendar.CalendarEventChanged.v1", CalendarEventChanged.class, Topics.CALENDAR_EVENTS),
            new EventType("io.calbridge.push.CalendarEventPushRequested.v1", CalendarEventPushRequested.class, Topics.PUSHES),
            new EventType("io.calbridge.booking.RoomBooked.v1", RoomBooked.class, Topics.BOOKINGS),
            new EventType("io.calbridge.booking.RoomBookingCancelled.v1", RoomBookingCancelled.class, Topics.BOOKINGS),
            new EventType("io.calbridge.booking.RoomBookingDeclined.v1", RoomBookingDeclined.class, Topics.BOOKINGS),
            new EventType("io.calbridge.tenant.TenantConfigured.v1", TenantConfigured.class, Topics.TENANTS),
            new EventType("io.calbridge.tenant.TenantRemoved.v1", TenantRemoved.class, Topics.TENANTS));

    private static final Map<String, EventType> BY_CE_TYPE = new HashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new HashMap<>();

    static {
        for (EventType type : ALL) {
            if (BY_CE_TYPE.put(type.ceType(), type) != null) {
                throw new IllegalStateException("duplicate ce_type " + type.ceType());
            }
            // One record class publishes under exactly one ce_type; a v2 gets its own record.
            if (BY_CLASS.put(type.recordClass(), type) != null) {
                throw new IllegalStateException("record registered twice: " + type.recordClass().getName());
            }
        }
    }

    private EventTypes() {
    }

    /** The type registered for a {@code ce_type} value, or {@code null} when none is. */
    public static EventType byCeType(String ceType) {
        return ceType == null ? null : BY_CE_TYPE.get(ceType);
    }

    /**
     * The type an event is published as.
     *
     * @throws IllegalArgumentException when the event's class is not registered, which is a programming error
     */
    public static EventType of(CalbridgeEvent event) {
        Objects.requireNonNull(event, "event");
        return of(event.getClass());
    }

    /**
     * The type a record class is published as.
     *
     * @throws IllegalArgumentException when the class is not registered, which is a programming error
     */
    public static EventType of(Class<? extends CalbridgeEvent> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("no ce_type registered for " + recordClass.getName() + "; add it to EventTypes.ALL");
        }
        return type;
    }
}
