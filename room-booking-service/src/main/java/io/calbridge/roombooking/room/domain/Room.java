package io.calbridge.roombooking.room.domain;

import java.util.List;
import java.util.Objects;

/**
 * A room of a tenant as the catalog knows it: what the Places API says about it, and whether provisioning has
 * connected its mailbox to the service account (only then is it bookable).
 *
 * @param tenantId           Entra tenant id
 * @param email              lower-case SMTP address of the room mailbox; the catalog's key
 * @param mailboxId          Entra object id of the room mailbox, known once provisioning connected it; null before
 * @param displayName        the room's name
 * @param capacity           seats; null when Places does not say
 * @param building           building name; null when unknown
 * @param floorNumber        floor; null when unknown
 * @param floorLabel         floor as people name it; null when unknown
 * @param tags               features (for example {@code projector}), never null
 * @param wheelchairAccessible whether Places marks it wheelchair accessible; null when unknown
 * @param bookingType        {@code standard}, {@code reserved} or {@code unknown}; reserved rooms are not bookable
 * @param roomLists          SMTP addresses of the room lists that hold it, never null
 * @param maxDurationMinutes the room's MaximumDurationInMinutes when known; null otherwise
 * @param inPlaces           whether the last catalog refresh saw it in the Places API
 * @param connected          whether provisioning reported {@code AccountConnected} (and no disconnect since)
 */
public record Room(String tenantId, String email, String mailboxId, String displayName, Integer capacity,
                   String building, Integer floorNumber, String floorLabel, List<String> tags,
                   Boolean wheelchairAccessible, String bookingType, List<String> roomLists,
                   Integer maxDurationMinutes, boolean inPlaces, boolean connected) {

    public Room {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(email, "email");
        tags = tags == null ? List.of() : List.copyOf(tags);
        roomLists = roomLists == null ? List.of() : List.copyOf(roomLists);
    }

    /** Whether bookings may be made: connected, and not a first-come (reserved) room. */
    public boolean bookable() {
        return connected && mailboxId != null && !"reserved".equalsIgnoreCase(bookingType);
    }

    /** Whether the room matches every given criterion; null criteria match everything. */
    public boolean matches(RoomFilter filter) {
        if (filter.minCapacity() != null && (capacity == null || capacity < filter.minCapacity())) {
            return false;
        }
        if (filter.building() != null && !filter.building().equalsIgnoreCase(building)) {
            return false;
        }
        if (filter.floor() != null && !filter.floor().equals(floorNumber)
                && !String.valueOf(filter.floor()).equalsIgnoreCase(floorLabel)) {
            return false;
        }
        if (filter.roomList() != null && roomLists.stream().noneMatch(l -> l.equalsIgnoreCase(filter.roomList()))) {
            return false;
        }
        for (String feature : filter.features()) {
            boolean has = tags.stream().anyMatch(t -> t.equalsIgnoreCase(feature))
                    || ("wheelchair".equalsIgnoreCase(feature) && Boolean.TRUE.equals(wheelchairAccessible));
            if (!has) {
                return false;
            }
        }
        return !filter.bookableOnly() || bookable();
    }
}
