package io.calbridge.common;

import java.util.List;
import java.util.Objects;

/**
 * The catalog of Kafka topics that Calbridge services exchange events on, as listed in the topic table of
 * {@code ARCHITECTURE.md}. Topic names are {@code <owner>.<aggregate-plural>} in kebab-case and never a Java
 * class name.
 */
public final class Topics {

    /** User joiners and leavers from HR/IdP systems, SCIM and directory watch. Key: {@code tenantId/userId}. */
    public static final String DIRECTORY_USERS = "directory.users";

    /** Outcome of putting a mailbox into, or taking it out of, the service account's scope. Key: {@code tenantId/userId}. */
    public static final String ENROLLMENTS = "provisioning.enrollments";

    /** Mailboxes (people and rooms) the service account can or can no longer act on. Key: {@code tenantId/mailboxId}. */
    public static final String ACCOUNTS = "provisioning.accounts";

    /** Every change sync observes in a connected calendar. Key: {@code tenantId/mailboxId}. */
    public static final String CALENDAR_EVENTS = "sync.calendar-events";

    /** Requests from external apps to write or remove an event Calbridge owns. Key: {@code tenantId/mailboxId}. */
    public static final String PUSHES = "sync.pushes";

    /** Room bookings made, cancelled or declined through room-booking. Key: {@code tenantId/roomId}. */
    public static final String BOOKINGS = "room-booking.bookings";

    /**
     * Internal to sync: Graph change and lifecycle notifications re-keyed so the instance owning the mailbox
     * handles them. Key: {@code tenantId/mailboxId}. No contract in {@code common} is published on it.
     */
    public static final String NOTIFICATIONS = "sync.notifications";

    /**
     * Tenant configuration shared by provisioning with the other services: Graph endpoints and sealed
     * credentials. Compacted: the latest event per key is the tenant's state. Key: {@code tenantId}.
     */
    public static final String TENANTS = "provisioning.tenants";

    /** Every topic above, in the order of the ARCHITECTURE table. */
    public static final List<String> ALL = List.of(
            DIRECTORY_USERS, ENROLLMENTS, ACCOUNTS, CALENDAR_EVENTS, PUSHES, BOOKINGS, NOTIFICATIONS, TENANTS);

    private Topics() {
    }

    /** Every topic above, in the order of the ARCHITECTURE table; same as {@link #ALL}. */
    public static List<String> all() {
        return ALL;
    }

    /**
     * The dead-letter topic of one consumer binding: {@code <topic>.<group>.dlq}.
     *
     * @param topic the topic the consumer reads, not blank
     * @param group the Kafka consumer group id, not blank
     * @throws IllegalArgumentException when either part is blank
     */
    public static String dlq(String topic, String group) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
        if (topic.isBlank() || group.isBlank()) {
            throw new IllegalArgumentException("topic and group must not be blank, got topic='" + topic + "' group='" + group + "'");
        }
        return topic + "." + group + ".dlq";
    }
}
