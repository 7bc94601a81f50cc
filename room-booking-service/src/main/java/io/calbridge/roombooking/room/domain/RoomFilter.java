package io.calbridge.roombooking.room.domain;

import java.util.List;

/**
 * Criteria for listing rooms; a null criterion is not applied.
 *
 * @param features     tags every room must carry; {@code wheelchair} also matches wheelchair-accessible rooms
 * @param bookableOnly only rooms the service can book
 */
public record RoomFilter(Integer minCapacity, String building, Integer floor, List<String> features, String roomList,
                         boolean bookableOnly) {

    public RoomFilter {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public static RoomFilter any() {
        return new RoomFilter(null, null, null, List.of(), null, false);
    }
}
