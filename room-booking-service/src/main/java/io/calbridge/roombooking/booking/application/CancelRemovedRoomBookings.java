package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.application.RoomsRemoved;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a room leaves the tenant's catalog, its bookings that have not started yet are cancelled: the Graph event is
 * deleted where the mailbox still answers, the booking becomes CANCELLED and {@code RoomBookingCancelled} is published
 * with the reason {@code ROOM_REMOVED}. Bookings already under way are left to end.
 */
public class CancelRemovedRoomBookings implements RoomsRemoved {

    private static final Logger log = LoggerFactory.getLogger(CancelRemovedRoomBookings.class);
    /** Further ahead than any booking window. */
    private static final Duration HORIZON = Duration.ofDays(3660);

    private final Rooms rooms;
    private final Bookings bookings;
    private final RoomCalendar calendar;
    private final CancelBooking cancel;
    private final Clock clock;

    public CancelRemovedRoomBookings(Rooms rooms, Bookings bookings, RoomCalendar calendar, CancelBooking cancel, Clock clock) {
        this.rooms = rooms;
        this.bookings = bookings;
        this.calendar = calendar;
        this.cancel = cancel;
        this.clock = clock;
    }

    @Override
    public void removed(String tenantId, List<String> emails) {
        Instant now = clock.instant();
        for (String email : emails) {
            Room room = rooms.find(tenantId, email).orElse(null);
            if (room == null || room.mailboxId() == null) {
                continue;
            }
            for (Booking booking : bookings.holding(tenantId, List.of(room.mailboxId()), new TimeSlot(now, now.plus(HORIZON)))) {
                if (booking.slot().start().isAfter(now)
                        && (booking.status() == BookingStatus.CONFIRMED || booking.status() == BookingStatus.REQUESTED)) {
                    end(booking, email);
                }
            }
        }
    }

    private void end(Booking booking, String email) {
        try {
            calendar.delete(booking);
        } catch (CalendarUnavailable e) {
            // The room will not be reported as removed again, so the booking ends now; its event may stay behind.
            log.warn("Event of booking {} in removed room {} not deleted: {}", booking.id(), email, e.getMessage());
        }
        cancel.end(booking, BookingEvents.CancelReason.ROOM_REMOVED,
                "Room " + email + " was removed from the tenant's room catalog (Places API)");
        log.info("Booking {} cancelled: room {} was removed from the catalog", booking.id(), email);
    }
}
