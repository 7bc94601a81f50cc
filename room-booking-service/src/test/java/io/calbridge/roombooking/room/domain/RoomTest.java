package io.calbridge.roombooking.room.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTest {

    private static Room room(boolean connected, String bookingType) {
        return new Room("t", "room-a@contoso.example", "room-a-id", "Room A", 8, "HQ", 2, "2nd", List.of("Projector"),
                true, bookingType, List.of("hq-rooms@contoso.example"), null, true, connected);
    }

    @Test
    void onlyConnectedStandardRoomsAreBookable() {
        assertThat(room(true, "standard").bookable()).isTrue();
        assertThat(room(false, "standard").bookable()).isFalse();
        assertThat(room(true, "reserved").bookable()).isFalse();
    }

    @Test
    void matchesEveryGivenCriterion() {
        Room room = room(true, "standard");

        assertThat(room.matches(new RoomFilter(8, "hq", 2, List.of("projector", "wheelchair"), "HQ-ROOMS@contoso.example", true))).isTrue();
        assertThat(room.matches(new RoomFilter(9, null, null, List.of(), null, false))).isFalse();
        assertThat(room.matches(new RoomFilter(null, "Annex", null, List.of(), null, false))).isFalse();
        assertThat(room.matches(new RoomFilter(null, null, 3, List.of(), null, false))).isFalse();
        assertThat(room.matches(new RoomFilter(null, null, null, List.of("whiteboard"), null, false))).isFalse();
        assertThat(room.matches(new RoomFilter(null, null, null, List.of(), "other@contoso.example", false))).isFalse();
    }
}
