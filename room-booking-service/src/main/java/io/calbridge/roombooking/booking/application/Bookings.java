package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored bookings. The no-double-booking guarantee lives here: {@link #hold} and {@link #reschedule} check the room
 * under a per-room lock against live bookings and the availability index, and the store itself refuses overlapping
 * live bookings of one room whichever instance writes them.
 */
public interface Bookings {

    Optional<Booking> find(String tenantId, UUID id);

    Optional<Booking> findByIdempotencyKey(String tenantId, String key);

    /**
     * Stores a new booking that holds its slot.
     *
     * @throws SlotTaken      when a live booking or a busy event in the room's calendar overlaps it
     * @throws KeyAlreadyUsed when another request stored a booking with the same idempotency key meanwhile
     */
    void hold(Booking booking);

    /**
     * Moves a live booking to a new slot (and changes its other fields).
     *
     * @throws SlotTaken when the new slot overlaps another live booking or a busy event
     */
    void reschedule(Booking booking);

    /** Updates status, event ids, check-in and failure. */
    void update(Booking booking);

    /**
     * Updates the booking only if it still has status {@code from} and was not checked in meanwhile (for a release),
     * so that two instances never both act on one booking.
     *
     * @return whether this caller made the transition
     */
    boolean transition(Booking next, io.calbridge.roombooking.booking.domain.BookingStatus from, boolean requireNotCheckedIn);

    /** Confirmed bookings that started before {@code startedBefore} and were not checked in. */
    List<Booking> notCheckedIn(Instant startedBefore, int limit);

    /**
     * Claims up to {@code limit} PENDING bookings untouched since {@code untouchedSince} (their request died between
     * holding the slot and recording the Graph write): each is marked touched now, so no instance claims it again
     * before that much time has passed. Rows another instance is claiming at the same moment are skipped.
     */
    List<Booking> claimStalePending(Instant untouchedSince, int limit);

    /**
     * Records how a PENDING booking ended (status, event ids, failure) only if it is still PENDING.
     *
     * @return whether this caller settled it
     */
    boolean settlePending(Booking next);

    /** INVITE bookings still waiting for the room's answer. */
    List<Booking> awaitingAnswer(int limit);

    /** Live bookings of these rooms overlapping the window. */
    List<Booking> holding(String tenantId, List<String> roomIds, TimeSlot window);

    /** The live booking whose event (in the room's or the organizer's calendar) has this id or iCalUId. */
    Optional<Booking> findByEvent(String tenantId, String eventId, String iCalUId);

    /** Another request with the same idempotency key got there first. */
    final class KeyAlreadyUsed extends RuntimeException {
        public KeyAlreadyUsed(String key) {
            super("Idempotency-Key " + key + " already used");
        }
    }
}
