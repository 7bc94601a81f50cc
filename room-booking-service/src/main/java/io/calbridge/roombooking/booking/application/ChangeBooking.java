package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingNotFound;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.application.Rooms;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves a booking or changes its subject or attendees, re-checking conflicts and updating the Graph event. */
public class ChangeBooking {

    private static final Logger log = LoggerFactory.getLogger(ChangeBooking.class);

    /** The fields to change; null fields stay as they are. */
    public record Change(Instant start, Instant end, String subject, List<String> attendees) {}

    private final Rooms rooms;
    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final BookingEvents events;
    private final Transactions transactions;
    private final BookingSettings settings;
    private final Clock clock;
    private final BookingMetrics metrics;

    public ChangeBooking(Rooms rooms, Bookings bookings, RoomCalendar calendar, BookingEvents events,
                         Transactions transactions, BookingSettings settings, Clock clock, BookingMetrics metrics) {
        this.rooms = rooms;
        this.bookings = bookings;
        this.calendar = calendar;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Booking change(String tenantId, UUID id, Change change) {
        Booking before = bookings.find(tenantId, id).orElseThrow(() -> new BookingNotFound(id));
        if (before.status() != BookingStatus.CONFIRMED && before.status() != BookingStatus.REQUESTED) {
            throw new BookingStateConflict("booking-not-active", "Booking " + id + " is " + before.status());
        }
        TimeSlot slot = new TimeSlot(change.start() != null ? change.start() : before.slot().start(),
                change.end() != null ? change.end() : before.slot().end());
        boolean moved = !slot.equals(before.slot());
        if (moved) {
            Integer roomMax = rooms.find(tenantId, before.roomId()).map(r -> r.maxDurationMinutes()).orElse(null);
            settings.policy().check(slot, roomMax, clock.instant());
        }
        Booking after = before.changed(slot, change.subject() != null ? change.subject() : before.subject(),
                change.attendees() != null ? change.attendees() : before.attendees());
        transactions.run(() -> bookings.reschedule(after));
        try {
            if (moved && after.mode() == BookingMode.ROOM_CALENDAR) {
                List<TimeSlot> blocking = calendar.blockingEvents(tenantId, after.roomId(), slot, after.tag());
                if (!blocking.isEmpty()) {
                    transactions.run(() -> bookings.reschedule(before));
                    metrics.conflict(tenantId);
                    throw new SlotTaken(after.roomId(), blocking.getFirst(), null);
                }
            }
            calendar.update(after);
        } catch (CalendarUnavailable e) {
            transactions.run(() -> bookings.reschedule(before));
            throw e;
        }
        if (moved && after.status() == BookingStatus.CONFIRMED) {
            transactions.run(() -> events.booked(after, clock.instant()));
        }
        log.info("Booking {} of room {} changed to {}–{}", id, after.roomEmail(), slot.start(), slot.end());
        return after;
    }
}
