package io.calbridge.sync.calendar.domain;

import java.util.List;

/**
 * One page of calendarView/delta: events that are new or changed, ids reported {@code @removed}, and either the
 * link to the next page or the delta link that ends the round.
 */
public record DeltaPage(List<CalendarItem> items, List<String> removedIds, String nextLink, String deltaLink) {

    public DeltaPage {
        items = List.copyOf(items);
        removedIds = List.copyOf(removedIds);
        if ((nextLink == null) == (deltaLink == null)) {
            throw new IllegalArgumentException("a delta page has either a nextLink or a deltaLink");
        }
    }

    public boolean last() {
        return deltaLink != null;
    }
}
