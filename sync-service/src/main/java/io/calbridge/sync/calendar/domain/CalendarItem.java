package io.calbridge.sync.calendar.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One event of a calendar as Graph returned it with {@code Prefer: outlook.timezone="UTC"}: a single instance, an
 * occurrence or exception of a series, or a series master. Every instant is UTC.
 *
 * @param showAs      Graph's {@code showAs} ({@code free}, {@code tentative}, {@code busy}, {@code oof},
 *                    {@code workingElsewhere}, {@code unknown})
 * @param ownResponse the owner's own response, Graph's {@code responseStatus.response}
 * @param organizer   null when Graph reports none
 * @param location    null when none is set
 * @param tag         Calbridge's own tag when the event carries it, else null
 */
public record CalendarItem(
        String eventId,
        String subject,
        Instant start,
        Instant end,
        boolean allDay,
        String showAs,
        boolean cancelled,
        String ownResponse,
        Person organizer,
        List<Invitee> attendees,
        Place location,
        SeriesPosition series,
        String iCalUId,
        String changeKey,
        Instant lastModified,
        String tag) {

    public CalendarItem {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(changeKey, "changeKey");
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    /** The same item with Calbridge's tag. */
    public CalendarItem withTag(String newTag) {
        return new CalendarItem(eventId, subject, start, end, allDay, showAs, cancelled, ownResponse, organizer, attendees,
                location, series, iCalUId, changeKey, lastModified, newTag);
    }

    /** The Graph item that carries the tag: the series master for occurrences and exceptions, else the event. */
    public String tagHolderId() {
        return series.inSeries() ? series.seriesMasterId() : eventId;
    }

    /**
     * A digest of everything a consumer sees except {@code changeKey} and {@code lastModified}, so that a new change
     * key with the same content (Graph bumps the series master's key when one occurrence is deleted) is no news.
     */
    public String contentHash() {
        StringBuilder b = new StringBuilder();
        field(b, subject).field(b, start).field(b, end).field(b, allDay).field(b, showAs).field(b, cancelled)
                .field(b, ownResponse).field(b, organizer).field(b, attendees).field(b, location).field(b, series)
                .field(b, iCalUId).field(b, tag);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private CalendarItem field(StringBuilder b, Object value) {
        String text = String.valueOf(value);
        b.append(text.length()).append(':').append(text).append('|');
        return this;
    }
}
