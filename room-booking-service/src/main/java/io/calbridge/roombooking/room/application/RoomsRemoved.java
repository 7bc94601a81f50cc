package io.calbridge.roombooking.room.application;

import java.util.List;

/** Told when rooms leave a tenant's catalog, so that what depends on them (their bookings) can end. */
public interface RoomsRemoved {

    /** Does nothing; for tests of the catalog alone. */
    RoomsRemoved NONE = (tenantId, emails) -> { };

    /**
     * @param emails the SMTP addresses (lower case) of the rooms that are no longer listed in the Places API
     */
    void removed(String tenantId, List<String> emails);
}
