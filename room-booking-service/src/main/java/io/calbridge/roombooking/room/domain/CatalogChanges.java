package io.calbridge.roombooking.room.domain;

import java.util.List;

/** What a catalog refresh found: rooms new to the Places listing, rooms gone from it, and how many it saw. */
public record CatalogChanges(List<String> appeared, List<String> disappeared, int seen) {

    public CatalogChanges {
        appeared = List.copyOf(appeared);
        disappeared = List.copyOf(disappeared);
    }
}
