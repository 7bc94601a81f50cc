package io.calbridge.emulator.calendar;

import io.calbridge.emulator.store.EventRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event as a view sees it: a stored event, or a computed occurrence of a series master.
 *
 * @param id            the event id, or the occurrence id
 * @param originalStart for an occurrence: its start per the pattern
 */
public record Instance(String id, EventRecord source, Instant start, Instant end, boolean occurrence, @Nullable Instant originalStart) {
    public static Instance of(EventRecord e) { return new Instance(e.id, e, e.start, e.end, false, e.originalStart); }
}
