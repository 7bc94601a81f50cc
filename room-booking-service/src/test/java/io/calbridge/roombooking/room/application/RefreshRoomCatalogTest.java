package io.calbridge.roombooking.room.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.roombooking.room.domain.CatalogChanges;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshRoomCatalogTest {

    private final List<PlaceEntry> places = new ArrayList<>();
    private final ListedRooms rooms = new ListedRooms();
    private final List<String> removed = new ArrayList<>();
    private final RefreshRoomCatalog refresh = new RefreshRoomCatalog(tenant -> List.copyOf(places), rooms,
            Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC), (tenant, emails) -> removed.addAll(emails));

    private static PlaceEntry place(String email) {
        return new PlaceEntry("id-" + email, email, email, 8, "HQ", 1, null, List.of(), false, "standard", List.of());
    }

    @Test
    void reportsRoomsThatAppearAndDisappear() {
        places.add(place("room-a@contoso.example"));
        places.add(place("room-b@contoso.example"));
        refresh.refresh("t");

        places.removeFirst();
        places.add(place("room-c@contoso.example"));
        CatalogChanges changes = refresh.refresh("t");

        assertThat(changes.appeared()).containsExactly("room-c@contoso.example");
        assertThat(changes.disappeared()).containsExactly("room-a@contoso.example");
        assertThat(rooms.changes).containsExactly("APPEARED room-a@contoso.example", "APPEARED room-b@contoso.example",
                "APPEARED room-c@contoso.example", "DISAPPEARED room-a@contoso.example");
        assertThat(removed).as("passed on so that the room's bookings end").containsExactly("room-a@contoso.example");
    }

    @Test
    void anUnchangedListingReportsNothing() {
        places.add(place("room-a@contoso.example"));
        refresh.refresh("t");

        CatalogChanges changes = refresh.refresh("t");

        assertThat(changes.appeared()).isEmpty();
        assertThat(changes.disappeared()).isEmpty();
        assertThat(changes.seen()).isEqualTo(1);
    }

    /** Just enough of the catalog to follow what Places lists. */
    private static final class ListedRooms implements Rooms {
        final Set<String> listed = new LinkedHashSet<>();
        final List<String> changes = new ArrayList<>();

        @Override public Optional<Room> find(String tenantId, String idOrEmail) { return Optional.empty(); }
        @Override public List<Room> all(String tenantId) { return List.of(); }
        @Override public List<String> listedInPlaces(String tenantId) { return List.copyOf(listed); }
        @Override public void savePlace(String tenantId, PlaceEntry entry) { listed.add(entry.email()); }
        @Override public void markUnlisted(String tenantId, Collection<String> emails) { listed.removeAll(emails); }
        @Override public void recordChange(String tenantId, String email, String change, Instant at) { changes.add(change + " " + email); }
        @Override public void connect(String tenantId, String email, String mailboxId, String displayName, String roomList) {}
        @Override public void disconnect(String tenantId, String mailboxId, String email) {}
        @Override public List<String> tenants() { return List.of(); }
    }
}
