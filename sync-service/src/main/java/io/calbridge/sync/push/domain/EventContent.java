package io.calbridge.sync.push.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The event an external app wants in a calendar; every instant is UTC.
 *
 * @param timeZone IANA zone the event is shown in and whose midnights bound an all-day event; null for UTC
 * @param showAs   Graph's {@code showAs} value ({@code free}, {@code tentative}, {@code busy}, {@code oof},
 *                 {@code workingElsewhere}, {@code unknown})
 * @param location   display name of the place; null for none
 * @param categories Outlook category names; null leaves an existing event's categories as they are (and creates
 *                   one without any), an empty list removes them
 */
public record EventContent(String subject, String body, Instant start, Instant end, boolean allDay, String timeZone,
                           String showAs, String location, String locationAddress, List<Guest> attendees,
                           List<String> categories) {

    public EventContent {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        categories = categories == null ? null : List.copyOf(categories);
    }

    /**
     * An invitee.
     *
     * @param type Graph's attendee type: {@code required}, {@code optional} or {@code resource}
     */
    public record Guest(String address, String name, String type) {}

    /**
     * A digest of the whole content: an upsert with the same digest as the last one written changes nothing.
     * Absent categories add nothing to it, so content stored before categories existed keeps its digest.
     */
    public String hash() {
        String canonical = String.join("\u0000", String.valueOf(subject), String.valueOf(body), start.toString(),
                end.toString(), String.valueOf(allDay), String.valueOf(timeZone), String.valueOf(showAs),
                String.valueOf(location), String.valueOf(locationAddress), String.valueOf(attendees))
                + (categories == null ? "" : "\u0000categories=" + categories);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
