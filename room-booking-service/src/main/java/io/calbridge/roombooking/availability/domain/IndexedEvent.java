package io.calbridge.roombooking.availability.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of a room calendar as the availability index keeps it.
 *
 * @param showAs    the event's status ({@code BUSY}, {@code TENTATIVE}, {@code OUT_OF_OFFICE}, {@code FREE}, …)
 * @param bookingId set when the event carries Calbridge's tag {@code booking:<id>}
 */
public record IndexedEvent(String tenantId, String roomId, String eventId, Instant start, Instant end, String showAs,
                           String iCalUId, UUID bookingId, String changeKey) {

    /** Whether the event takes the room's time. */
    public boolean blocks() {
        return blocks(showAs);
    }

    /** Whether an event showing as {@code showAs} takes the room's time: all but free and working elsewhere do. */
    public static boolean blocks(String showAs) {
        return switch (showAs) {
            case "FREE", "WORKING_ELSEWHERE" -> false;
            default -> true;
        };
    }
}
