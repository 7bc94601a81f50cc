package io.calbridge.roombooking.booking.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The tenant's booking rules (GRAPH-FACTS §6.2 defaults: 180-day window, 24 h maximum), checked before anything is
 * written. The room's own MaximumDurationInMinutes applies on top when known.
 *
 * @param maxDuration   the tenant's longest booking
 * @param bookingWindow how far ahead a booking may start
 * @param pastTolerance how far in the past a start may lie (clock skew of kiosks)
 */
public record BookingPolicy(Duration maxDuration, Duration bookingWindow, Duration pastTolerance) {

    /**
     * Fails with the first broken rule.
     *
     * @param roomMaxMinutes the room's MaximumDurationInMinutes, null or 0 when unknown or unlimited
     * @throws InvalidBooking naming the offending field
     */
    public void check(TimeSlot slot, Integer roomMaxMinutes, Instant now) {
        if (slot.end().isBefore(now.minus(pastTolerance)) || slot.start().isBefore(now.minus(pastTolerance))) {
            throw new InvalidBooking("start", "in-the-past", "The booking starts in the past (" + slot.start() + ")");
        }
        if (slot.start().isAfter(now.plus(bookingWindow))) {
            throw new InvalidBooking("start", "outside-booking-window",
                    "The booking starts beyond the booking window of " + bookingWindow.toDays() + " days");
        }
        if (slot.duration().compareTo(maxDuration) > 0) {
            throw new InvalidBooking("end", "duration-exceeded",
                    "The booking lasts " + slot.duration().toMinutes() + " minutes, more than the tenant's "
                            + maxDuration.toMinutes());
        }
        if (roomMaxMinutes != null && roomMaxMinutes > 0 && slot.duration().toMinutes() > roomMaxMinutes) {
            throw new InvalidBooking("end", "duration-exceeded",
                    "The booking lasts " + slot.duration().toMinutes() + " minutes, more than the room's " + roomMaxMinutes);
        }
    }
}
