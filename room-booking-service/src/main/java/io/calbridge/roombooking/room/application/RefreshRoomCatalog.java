package io.calbridge.roombooking.room.application;

import io.calbridge.roombooking.room.domain.CatalogChanges;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a tenant's rooms from the Places API and reports rooms that appeared or disappeared; rooms that disappeared
 * are passed on to {@link RoomsRemoved} (their future bookings are cancelled).
 */
public class RefreshRoomCatalog {

    private static final Logger log = LoggerFactory.getLogger(RefreshRoomCatalog.class);

    private final PlacesDirectory places;
    private final Rooms rooms;
    private final Clock clock;
    private final RoomsRemoved removed;

    public RefreshRoomCatalog(PlacesDirectory places, Rooms rooms, Clock clock, RoomsRemoved removed) {
        this.places = places;
        this.rooms = rooms;
        this.clock = clock;
        this.removed = removed;
    }

    public CatalogChanges refresh(String tenantId) {
        List<PlaceEntry> listed = places.rooms(tenantId);
        Set<String> before = new HashSet<>(rooms.listedInPlaces(tenantId));
        Set<String> now = new HashSet<>();
        List<String> appeared = new ArrayList<>();
        Instant at = clock.instant();
        for (PlaceEntry entry : listed) {
            String email = entry.email().toLowerCase(Locale.ROOT);
            now.add(email);
            rooms.savePlace(tenantId, entry);
            if (!before.contains(email)) {
                appeared.add(email);
                rooms.recordChange(tenantId, email, "APPEARED", at);
                log.info("Room {} appeared in the Places API of tenant {}", email, tenantId);
            }
        }
        List<String> disappeared = before.stream().filter(e -> !now.contains(e)).sorted().toList();
        if (!disappeared.isEmpty()) {
            rooms.markUnlisted(tenantId, disappeared);
            for (String email : disappeared) {
                rooms.recordChange(tenantId, email, "DISAPPEARED", at);
                log.info("Room {} disappeared from the Places API of tenant {}", email, tenantId);
            }
            removed.removed(tenantId, disappeared);
        }
        return new CatalogChanges(appeared, disappeared, listed.size());
    }
}
