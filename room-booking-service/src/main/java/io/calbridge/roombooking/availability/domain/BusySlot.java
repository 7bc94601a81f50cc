package io.calbridge.roombooking.availability.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A stretch of a room's time that is not free. Never carries a subject: other people's meetings show only
 * their status, Calbridge's own bookings also their booking id.
 *
 * @param status    {@code busy}, {@code tentative} or {@code oof}
 * @param bookingId the Calbridge booking holding the slot; null for meetings booked elsewhere
 */
public record BusySlot(Instant start, Instant end, String status, UUID bookingId) {}
