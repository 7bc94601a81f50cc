package io.calbridge.roombooking.room.domain;

import java.util.List;

/** One room as the Places API lists it, with the room lists it was found in. */
public record PlaceEntry(String placeId, String email, String displayName, Integer capacity, String building,
                         Integer floorNumber, String floorLabel, List<String> tags, Boolean wheelchairAccessible,
                         String bookingType, List<String> roomLists) {

    public PlaceEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
        roomLists = roomLists == null ? List.of() : List.copyOf(roomLists);
    }
}
