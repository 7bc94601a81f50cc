package io.calbridge.sync.calendar.domain;

import java.time.Instant;
import java.util.List;

/** Test data: calendar items with sensible defaults. */
public final class CalendarItemFixtures {

    public static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private CalendarItemFixtures() {
    }

    public static CalendarItem anItem(String id, String changeKey) {
        return anItem(id, changeKey, "Review", NINE);
    }

    public static CalendarItem anItem(String id, String changeKey, String subject, Instant start) {
        return new CalendarItem(id, subject, start, start.plusSeconds(3600), false, "busy", false, "organizer",
                new Person("alice@contoso.com", "Alice"), List.of(new Invitee(new Person("bob@contoso.com", "Bob"), "required", "none")),
                new Place("Room 1", "room-1@contoso.com"), SeriesPosition.SINGLE, "ical-" + id, changeKey, start.minusSeconds(60), null);
    }

    public static StoredItem stored(CalendarItem item, long epoch) {
        return new StoredItem(item.eventId(), item.changeKey(), item.contentHash(), item.series(), item.start(), item.end(), epoch);
    }
}
