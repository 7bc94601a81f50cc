package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles bookings left PENDING by a request that died between holding the slot and recording its Graph write (a
 * killed or crashed instance). A booking untouched for {@code pendingAfter} is claimed (one instance at a time) and
 * looked up in the calendar it was written to by its {@code booking:<id>} tag:
 * <ul>
 *   <li>the event is there: the booking ends as the request would have ended it — CONFIRMED with {@code RoomBooked}
 *       through the outbox (ROOM_CALENDAR) or REQUESTED awaiting the room's answer (INVITE) — so a replay of the
 *       request returns the booking;</li>
 *   <li>no event: the booking is FAILED ({@link Booking#abandoned()}), which frees its slot; a replay of the request
 *       gets a conflict saying nothing was booked.</li>
 * </ul>
 * {@code pendingAfter} must stay well above the longest a live request takes to write and record its event (the Graph
 * timeout twice over, for the re-check and the write), or a slow live request could be settled under its feet.
 */
public class RecoverPendingBookings {

    private static final Logger log = LoggerFactory.getLogger(RecoverPendingBookings.class);
    private static final int BATCH = 50;

    /** What one sweep did. */
    public record Recovered(int confirmed, int released) {}

    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final BookingMetrics metrics;
    private final Duration pendingAfter;

    public RecoverPendingBookings(Bookings bookings, RoomCalendar calendar, BookingEvents events,
                                  Transactions transactions, Clock clock, BookingMetrics metrics, Duration pendingAfter) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
        this.pendingAfter = pendingAfter;
    }

    /** Claims and settles the bookings PENDING for longer than {@code pendingAfter}. */
    public Recovered recoverStale() {
        int confirmed = 0;
        int released = 0;
        for (Booking booking : bookings.claimStalePending(clock.instant().minus(pendingAfter), BATCH)) {
            Optional<RoomCalendar.WrittenEvent> written;
            try {
                written = calendar.findTagged(booking);
            } catch (CalendarUnavailable e) {
                // The claim lapses after pendingAfter; the next sweep after that tries again.
                log.warn("Pending booking {} not settled yet: {}", booking.id(), e.getMessage());
                continue;
            }
            if (written.isPresent()) {
                if (complete(booking, written.get())) {
                    confirmed++;
                }
            } else if (release(booking)) {
                released++;
            }
        }
        return new Recovered(confirmed, released);
    }

    private boolean complete(Booking booking, RoomCalendar.WrittenEvent written) {
        BookingStatus status = booking.mode() == BookingMode.ROOM_CALENDAR ? BookingStatus.CONFIRMED : BookingStatus.REQUESTED;
        Booking done = booking.written(status, written.mailbox(), written.eventId(), written.iCalUId());
        boolean settled = transactions.inTransaction(() -> {
            if (!bookings.settlePending(done)) {
                return false;
            }
            if (status == BookingStatus.CONFIRMED) {
                events.booked(done, clock.instant());
            }
            return true;
        });
        if (settled) {
            if (status == BookingStatus.CONFIRMED) {
                metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.BOOKED);
            }
            log.info("Pending booking {} of room {} recovered as {}: its event {} is in {}'s calendar", booking.id(),
                    booking.roomEmail(), status, written.eventId(), written.mailbox());
        }
        return settled;
    }

    private boolean release(Booking booking) {
        boolean settled = transactions.inTransaction(() -> bookings.settlePending(booking.abandoned()));
        if (settled) {
            metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.FAILED);
            log.warn("Pending booking {} of room {} released: its request was interrupted before the calendar write",
                    booking.id(), booking.roomEmail());
        }
        return settled;
    }
}
