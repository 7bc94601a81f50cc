package io.calbridge.roombooking.booking.application;

import java.util.Optional;

/** The tenant's directory, to check that an organizer belongs to the tenant. */
public interface Organizers {

    /** A person of the tenant. */
    record Organizer(String id, String address, String displayName) {}

    /** The person with this UPN, SMTP address or object id; empty when the tenant has no such user. */
    Optional<Organizer> find(String tenantId, String upnOrAddress);
}
