package io.calbridge.roombooking.booking.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a booking front end asks for. Times are validated by {@link BookingPolicy}; {@code room} is a mailbox id
 * or an SMTP address.
 */
public record BookingRequest(String tenantId, String idempotencyKey, String room, String organizer, TimeSlot slot,
                             String subject, List<String> attendees, String correlationId) {

    public BookingRequest {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    /** A stable fingerprint of the booking-relevant fields: the same body always gives the same hash. */
    public String fingerprint() {
        String canonical = String.join("\n", room.toLowerCase(Locale.ROOT), organizer.toLowerCase(Locale.ROOT),
                slot.start().toString(), slot.end().toString(), subject == null ? "" : subject,
                String.join(",", attendees.stream().map(a -> a.toLowerCase(Locale.ROOT)).sorted().toList()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
