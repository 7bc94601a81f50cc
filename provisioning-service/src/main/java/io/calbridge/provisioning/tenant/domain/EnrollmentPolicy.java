package io.calbridge.provisioning.tenant.domain;

import java.util.Objects;

/**
 * How a tenant's people and rooms get into the service account's scope.
 *
 * @param strategy              the scoping mechanism
 * @param scopeObjectId         Entra object id of the administrative unit or group; null for tenant-wide
 *                              (and until the admin has created it)
 * @param scopeDisplayName      its name, for scripts and events; null when unknown
 * @param people                which people are enrolled
 * @param rooms                 which rooms are enrolled
 * @param testMailboxInScope    a mailbox the connection test expects to reach; null when none
 * @param testMailboxOutOfScope a mailbox the connection test expects to be denied; null when none
 * @param directoryWatch        whether provisioning watches the directory ({@code /users/delta}) for joiners and leavers
 */
public record EnrollmentPolicy(Strategy strategy, String scopeObjectId, String scopeDisplayName, PeopleScope people,
                               RoomScope rooms, String testMailboxInScope, String testMailboxOutOfScope, boolean directoryWatch) {

    public EnrollmentPolicy {
        Objects.requireNonNull(strategy, "strategy");
        people = people == null ? new PeopleScope.Everyone() : people;
        rooms = rooms == null ? RoomScope.NONE : rooms;
        if (strategy == Strategy.TENANT_WIDE) {
            scopeObjectId = null;
        }
    }

    /** The default for a new tenant: administrative unit to be created, everyone, no rooms. */
    public static EnrollmentPolicy initial() {
        return new EnrollmentPolicy(Strategy.ADMINISTRATIVE_UNIT, null, null, new PeopleScope.Everyone(), RoomScope.NONE, null, null, false);
    }

    public boolean includes(Person person) {
        return people.includes(person);
    }

    /** The scope object rooms go into. */
    public String roomScopeObjectId() {
        return rooms.scopeObjectId() != null ? rooms.scopeObjectId() : scopeObjectId;
    }
}
