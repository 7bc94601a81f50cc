package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingRequest;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.IdempotencyKeyReused;
import io.calbridge.roombooking.booking.domain.InvalidBooking;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Books a room: validates, holds the slot in the database (where double-booking is impossible), re-checks the room's
 * calendar, writes the event through Graph and only then confirms and publishes {@code RoomBooked}. A failed write
 * leaves a FAILED booking that holds nothing and no event in Exchange.
 */
public class BookRoom {

    private static final Logger log = LoggerFactory.getLogger(BookRoom.class);

    /** The booking and whether it is the stored result of an earlier request with the same idempotency key. */
    public record Outcome(Booking booking, boolean replayed) {}

    private final Rooms rooms;
    private final Organizers organizers;
    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final BookingSettings settings;
    private final Clock clock;
    private final BookingMetrics metrics;

    public BookRoom(Rooms rooms, Organizers organizers, Bookings bookings, RoomCalendar calendar, BookingEvents events,
                    Transactions transactions, BookingSettings settings, Clock clock, BookingMetrics metrics) {
        this.rooms = rooms;
        this.organizers = organizers;
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @throws InvalidBooking        a rule is broken (the field is named)
     * @throws SlotTaken             the room is taken for part of the slot
     * @throws IdempotencyKeyReused  the key was used for another request body
     * @throws BookingStateConflict  an earlier request with the same key is still being processed, or was interrupted
     *                               and released by {@link RecoverPendingBookings} (nothing was booked)
     * @throws CalendarUnavailable   Exchange could not be written; nothing remains
     */
    public Outcome book(BookingRequest request) {
        try {
            return bookOrRefuse(request);
        } catch (SlotTaken e) {
            metrics.conflict(request.tenantId());
            throw e;
        }
    }

    private Outcome bookOrRefuse(BookingRequest request) {
        String tenantId = request.tenantId();
        Optional<Booking> earlier = bookings.findByIdempotencyKey(tenantId, request.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), request);
        }
        Room room = rooms.find(tenantId, request.room())
                .orElseThrow(() -> new InvalidBooking("roomId", "unknown-room", "The tenant has no room " + request.room()));
        if (!room.bookable()) {
            throw new InvalidBooking("roomId", "room-not-bookable", "Room " + request.room() + " is not bookable through Calbridge");
        }
        Instant now = clock.instant();
        settings.policy().check(request.slot(), room.maxDurationMinutes(), now);
        Organizers.Organizer organizer = organizers.find(tenantId, request.organizer()).orElseThrow(() ->
                new InvalidBooking("organizer", "unknown-organizer", "The tenant has no user " + request.organizer()));
        BookingMode mode = settings.modeOf(tenantId);
        Booking booking = new Booking(UUID.randomUUID(), tenantId, room.mailboxId(), room.email(), organizer.address(),
                organizer.displayName(), organizer.id(), request.slot(), request.subject(), request.attendees(), mode,
                BookingStatus.PENDING, request.idempotencyKey(), request.fingerprint(),
                mode == BookingMode.ROOM_CALENDAR ? room.mailboxId() : organizer.address(), null, null, null, null,
                request.correlationId(), now);
        try {
            transactions.run(() -> bookings.hold(booking));
        } catch (Bookings.KeyAlreadyUsed e) {
            return replay(bookings.findByIdempotencyKey(tenantId, request.idempotencyKey()).orElseThrow(), request);
        }

        if (mode == BookingMode.ROOM_CALENDAR) {
            List<TimeSlot> blocking;
            try {
                blocking = calendar.blockingEvents(tenantId, booking.roomId(), booking.slot(), booking.tag());
            } catch (CalendarUnavailable e) {
                markFailed(booking, e);
                throw e;
            }
            if (!blocking.isEmpty()) {
                transactions.run(() -> bookings.settlePending(booking.withStatus(BookingStatus.DECLINED)));
                log.info("Room {} refused for {}: its calendar is taken {}–{}", booking.roomEmail(), booking.id(),
                        blocking.getFirst().start(), blocking.getFirst().end());
                throw new SlotTaken(booking.roomId(), blocking.getFirst(), null);
            }
        }

        RoomCalendar.WrittenEvent written;
        try {
            written = calendar.create(booking);
        } catch (CalendarUnavailable e) {
            if (e.temporary()) {
                // A timed-out write may have reached Exchange; remove whatever carries our tag.
                try {
                    calendar.deleteTagged(booking, booking.eventMailbox());
                } catch (RuntimeException cleanup) {
                    log.warn("Could not clean up after the failed write of booking {}: {}", booking.id(), cleanup.getMessage());
                }
            }
            markFailed(booking, e);
            throw e;
        }
        BookingStatus status = mode == BookingMode.ROOM_CALENDAR ? BookingStatus.CONFIRMED : BookingStatus.REQUESTED;
        Booking done = booking.written(status, written.mailbox(), written.eventId(), written.iCalUId());
        boolean recorded;
        try {
            recorded = transactions.inTransaction(() -> {
                // Only while still PENDING: a request slower than RecoverPendingBookings' limit may find it settled.
                if (!bookings.settlePending(done)) {
                    return false;
                }
                if (status == BookingStatus.CONFIRMED) {
                    events.booked(done, clock.instant());
                }
                return true;
            });
            if (recorded && status == BookingStatus.CONFIRMED) {
                metrics.outcome(tenantId, BookingMetrics.Outcome.BOOKED);
            }
        } catch (RuntimeException e) {
            try {
                calendar.delete(done);
            } catch (RuntimeException cleanup) {
                log.warn("Could not delete the event of unrecorded booking {}: {}", done.id(), cleanup.getMessage());
            }
            markFailed(booking, e);
            throw new CalendarUnavailable("The booking could not be recorded", true, e);
        }
        if (!recorded) {
            return settledMeanwhile(done, request);
        }
        log.info("Room {} {} {}–{} for {} (booking {}, {})", done.roomEmail(),
                status == BookingStatus.CONFIRMED ? "booked" : "requested", done.slot().start(), done.slot().end(),
                done.organizer(), done.id(), mode);
        return new Outcome(done, false);
    }

    /**
     * The recovery settled the booking while this request was still writing it: completed with the event just written
     * (the booking stands), or released (the event just written is removed, and the request ends as a replay would).
     */
    private Outcome settledMeanwhile(Booking done, BookingRequest request) {
        Booking settled = bookings.find(done.tenantId(), done.id()).orElseThrow();
        if (settled.status() == done.status() && done.eventId().equals(settled.eventId())) {
            return new Outcome(settled, false);
        }
        try {
            calendar.delete(done);
        } catch (RuntimeException cleanup) {
            log.warn("Could not delete the event of released booking {}: {}", done.id(), cleanup.getMessage());
        }
        log.warn("Booking {} was released by the recovery while its calendar write was under way", done.id());
        return replay(settled, request);
    }

    private Outcome replay(Booking earlier, BookingRequest request) {
        if (!earlier.requestHash().equals(request.fingerprint())) {
            throw new IdempotencyKeyReused(request.idempotencyKey(), earlier.id());
        }
        if (earlier.status() == BookingStatus.PENDING) {
            throw new BookingStateConflict("request-in-progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        }
        if (earlier.wasAbandoned()) {
            // Not re-attempted under the same key: the client learns plainly that nothing was booked and decides itself.
            throw new BookingStateConflict("request-abandoned", "The request with this Idempotency-Key was interrupted"
                    + " before the room's calendar was written; nothing was booked. Send it again with a new Idempotency-Key");
        }
        return new Outcome(earlier, true);
    }

    private void markFailed(Booking booking, RuntimeException cause) {
        metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.FAILED);
        try {
            transactions.run(() -> bookings.settlePending(booking.failed(cause.getMessage())));
        } catch (RuntimeException e) {
            log.error("Booking {} could not be marked failed: {}", booking.id(), e.getMessage());
        }
        log.warn("Booking {} of room {} failed: {}", booking.id(), booking.roomEmail(), cause.getMessage());
    }
}
