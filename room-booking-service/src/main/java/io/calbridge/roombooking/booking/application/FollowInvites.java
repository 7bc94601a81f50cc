package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.RoomAnswer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles INVITE bookings: the room accepted ({@code RoomBooked}), declined or never answered within the timeout
 * ({@code RoomBookingDeclined}, and the organizer's event is withdrawn). Driven by polling the organizer's event and by
 * the room's calendar changes that sync reports.
 */
public class FollowInvites {

    private static final Logger log = LoggerFactory.getLogger(FollowInvites.class);

    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final BookingSettings settings;
    private final Clock clock;
    private final BookingMetrics metrics;

    public FollowInvites(Bookings bookings, RoomCalendar calendar, BookingEvents events, Transactions transactions,
                         BookingSettings settings, Clock clock, BookingMetrics metrics) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Polls every booking still waiting for its room. */
    public void pollAnswers() {
        Instant now = clock.instant();
        for (Booking booking : bookings.awaitingAnswer(100)) {
            RoomAnswer answer;
            try {
                answer = calendar.answer(booking);
            } catch (CalendarUnavailable e) {
                log.warn("Could not read the room's answer for booking {}: {}", booking.id(), e.getMessage());
                continue;
            }
            switch (answer) {
                case ACCEPTED -> accept(booking);
                case DECLINED -> decline(booking, BookingEvents.DeclineReason.DECLINED_BY_ROOM, "The room declined the invitation");
                case EVENT_MISSING -> decline(booking, BookingEvents.DeclineReason.ROOM_UNAVAILABLE,
                        "The organizer's event disappeared before the room answered");
                case NONE, TENTATIVE -> {
                    if (now.isAfter(booking.createdAt().plus(settings.inviteTimeout()))) {
                        decline(booking, BookingEvents.DeclineReason.ROOM_UNAVAILABLE,
                                "The room did not answer within " + settings.inviteTimeout().toMinutes() + " minutes");
                    }
                }
            }
        }
    }

    /** The room's calendar now holds the meeting: sync saw the room's copy. */
    public void roomCopySeen(String tenantId, String iCalUId) {
        Optional<Booking> booking = bookings.findByEvent(tenantId, null, iCalUId);
        booking.filter(b -> b.status() == BookingStatus.REQUESTED).ifPresent(this::accept);
    }

    void accept(Booking booking) {
        Booking confirmed = booking.withStatus(BookingStatus.CONFIRMED);
        transactions.run(() -> {
            if (bookings.transition(confirmed, BookingStatus.REQUESTED, false)) {
                events.booked(confirmed, clock.instant());
                metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.BOOKED);
                log.info("Room {} accepted booking {}", booking.roomEmail(), booking.id());
            }
        });
    }

    void decline(Booking booking, BookingEvents.DeclineReason reason, String detail) {
        try {
            calendar.delete(booking);
        } catch (CalendarUnavailable e) {
            log.warn("Could not withdraw the event of declined booking {}: {}", booking.id(), e.getMessage());
            return;
        }
        Booking declined = booking.withStatus(BookingStatus.DECLINED);
        transactions.run(() -> {
            if (bookings.transition(declined, BookingStatus.REQUESTED, false)) {
                events.declined(declined, reason, detail, clock.instant());
                metrics.outcome(booking.tenantId(), BookingMetrics.Outcome.DECLINED);
                log.info("Booking {} of room {} declined: {}", booking.id(), booking.roomEmail(), detail);
            }
        });
    }
}
