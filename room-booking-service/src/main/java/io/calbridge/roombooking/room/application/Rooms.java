package io.calbridge.roombooking.room.application;

import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The room catalog as stored by this service. */
public interface Rooms {

    /** A room by its mailbox id or its SMTP address (case-insensitive). */
    Optional<Room> find(String tenantId, String idOrEmail);

    /**
     * Rooms by mailbox id or SMTP address in one look-up, keyed by the reference as given; references that match no
     * room are absent from the result.
     */
    default Map<String, Room> findAll(String tenantId, Collection<String> idsOrEmails) {
        Map<String, Room> out = new LinkedHashMap<>();
        for (String ref : idsOrEmails) {
            find(tenantId, ref).ifPresent(room -> out.put(ref, room));
        }
        return out;
    }

    List<Room> all(String tenantId);

    /** Addresses of the rooms the last refresh saw in Places. */
    List<String> listedInPlaces(String tenantId);

    /** Records what Places says about a room and marks it listed. */
    void savePlace(String tenantId, PlaceEntry entry);

    /** Marks rooms as no longer listed in Places and records the change. */
    void markUnlisted(String tenantId, Collection<String> emails);

    /** Appends an APPEARED / DISAPPEARED audit record. */
    void recordChange(String tenantId, String email, String change, Instant at);

    /** Provisioning connected the room's mailbox; creates the room when Places has not listed it yet. */
    void connect(String tenantId, String email, String mailboxId, String displayName, String roomList);

    /** Provisioning disconnected the room's mailbox; it stays in the catalog, no longer bookable. */
    void disconnect(String tenantId, String mailboxId, String email);

    /** Tenants with rooms, and tenants known from provisioning.tenants, for the periodic refresh. */
    List<String> tenants();
}
