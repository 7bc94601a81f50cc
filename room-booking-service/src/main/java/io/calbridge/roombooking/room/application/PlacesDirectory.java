package io.calbridge.roombooking.room.application;

import io.calbridge.roombooking.room.domain.PlaceEntry;
import java.util.List;

/** The tenant's rooms and room lists as Microsoft's Places API lists them. */
public interface PlacesDirectory {

    /**
     * Every room of the tenant, each with the room lists it belongs to. Blocking; runs paced background Graph calls.
     */
    List<PlaceEntry> rooms(String tenantId);
}
