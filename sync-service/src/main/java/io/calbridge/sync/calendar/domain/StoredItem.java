package io.calbridge.sync.calendar.domain;

import java.time.Instant;

/** What sync last reported for an event: enough to tell a real change from a replay, and to place it in a window. */
public record StoredItem(String eventId, String changeKey, String contentHash, SeriesPosition series, Instant start,
                         Instant end, long seenEpoch) {
}
