package io.calbridge.roombooking.booking.adapter.in.web;

import io.calbridge.roombooking.booking.application.BookRoom;
import io.calbridge.roombooking.booking.application.Bookings;
import io.calbridge.roombooking.booking.application.CancelBooking;
import io.calbridge.roombooking.booking.application.ChangeBooking;
import io.calbridge.roombooking.booking.application.CheckIn;
import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingNotFound;
import io.calbridge.roombooking.booking.domain.BookingRequest;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.service.security.Caller;
import io.calbridge.service.tenants.TenantRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bookings of a tenant's rooms. Errors are RFC 9457 problem details (see {@link BookingProblems}). */
@RestController
@RequestMapping("/api/tenants/{tenantId}/bookings")
@Tag(name = "Bookings")
public class BookingController {

    private final TenantRegistry tenants;
    private final BookRoom bookRoom;
    private final ChangeBooking changeBooking;
    private final CancelBooking cancelBooking;
    private final CheckIn checkIn;
    private final Bookings bookings;

    public BookingController(TenantRegistry tenants, BookRoom bookRoom, ChangeBooking changeBooking,
                             CancelBooking cancelBooking, CheckIn checkIn, Bookings bookings) {
        this.tenants = tenants;
        this.bookRoom = bookRoom;
        this.changeBooking = changeBooking;
        this.cancelBooking = cancelBooking;
        this.checkIn = checkIn;
        this.bookings = bookings;
    }

    @PostMapping
    @Operation(summary = "Book a room", description = "201 with the booking (202 while an INVITE waits for the room);"
            + " the same Idempotency-Key and body replay the original result, a different body gets 422; 409 names"
            + " the slot that is taken.")
    public ResponseEntity<BookingResponse> book(Caller caller, @PathVariable String tenantId,
                                                @Parameter(required = true) @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                @RequestHeader(name = "X-Request-Id", required = false) String requestId,
                                                @RequestBody BookRoomRequest body) {
        authorize(caller, tenantId);
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidRequest("Idempotency-Key", "The Idempotency-Key header is required (1-200 characters)");
        }
        String room = body.roomId() != null && !body.roomId().isBlank() ? body.roomId() : body.roomEmail();
        if (room == null || room.isBlank()) {
            throw new InvalidRequest("roomId", "Give roomId or roomEmail");
        }
        if (body.organizer() == null || body.organizer().isBlank()) {
            throw new InvalidRequest("organizer", "organizer is required");
        }
        if (body.start() == null) {
            throw new InvalidRequest("start", "start is required");
        }
        if (body.end() == null) {
            throw new InvalidRequest("end", "end is required");
        }
        if (!body.end().isAfter(body.start())) {
            throw new InvalidRequest("end", "end must be after start");
        }
        List<String> attendees = body.attendees() == null ? List.of() : body.attendees();
        for (String a : attendees) {
            if (a == null || !a.contains("@")) {
                throw new InvalidRequest("attendees", "Every attendee must be an SMTP address");
            }
        }
        BookRoom.Outcome outcome = bookRoom.book(new BookingRequest(tenantId, idempotencyKey.strip(), room.strip(),
                body.organizer().strip(), new TimeSlot(body.start(), body.end()), body.subject(), attendees, requestId));
        Booking booking = outcome.booking();
        return switch (booking.status()) {
            case CONFIRMED, CANCELLED, RELEASED -> respond(outcome, HttpStatus.CREATED);
            case REQUESTED -> respond(outcome, HttpStatus.ACCEPTED);
            case DECLINED -> throw new SlotTaken(booking.roomId(), booking.slot(), null);
            case FAILED -> throw new CalendarUnavailable("Booking " + booking.id() + " failed: " + booking.failure(), false, null);
            case PENDING -> throw new IllegalStateException("a pending booking is never returned");
        };
    }

    private static ResponseEntity<BookingResponse> respond(BookRoom.Outcome outcome, HttpStatus status) {
        var builder = ResponseEntity.status(status)
                .location(java.net.URI.create("/api/tenants/" + outcome.booking().tenantId() + "/bookings/" + outcome.booking().id()));
        if (outcome.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(BookingResponse.of(outcome.booking()));
    }

    @GetMapping("/{bookingId}")
    @Operation(summary = "Read a booking")
    public BookingResponse get(Caller caller, @PathVariable String tenantId, @PathVariable UUID bookingId) {
        authorize(caller, tenantId);
        return BookingResponse.of(bookings.find(tenantId, bookingId).orElseThrow(() -> new BookingNotFound(bookingId)));
    }

    @PatchMapping("/{bookingId}")
    @Operation(summary = "Move a booking or change its subject or attendees", description = "Re-checks conflicts and"
            + " updates the Graph event; 409 names the slot that is taken.")
    public BookingResponse change(Caller caller, @PathVariable String tenantId, @PathVariable UUID bookingId,
                                  @RequestBody ChangeBookingRequest body) {
        authorize(caller, tenantId);
        return BookingResponse.of(changeBooking.change(tenantId, bookingId,
                new ChangeBooking.Change(body.start(), body.end(), body.subject(), body.attendees())));
    }

    @DeleteMapping("/{bookingId}")
    @Operation(summary = "Cancel a booking", description = "Deletes the Graph event and publishes RoomBookingCancelled"
            + " (CANCELLED_BY_ORGANIZER).")
    public BookingResponse cancel(Caller caller, @PathVariable String tenantId, @PathVariable UUID bookingId) {
        authorize(caller, tenantId);
        return BookingResponse.of(cancelBooking.cancel(tenantId, bookingId));
    }

    @PostMapping("/{bookingId}/check-in")
    @Operation(summary = "Check in", description = "Bookings not checked in within the grace period are released (NO_SHOW).")
    public BookingResponse checkIn(Caller caller, @PathVariable String tenantId, @PathVariable UUID bookingId) {
        authorize(caller, tenantId);
        return BookingResponse.of(checkIn.checkIn(tenantId, bookingId));
    }

    private void authorize(Caller caller, String tenantId) {
        caller.requireTenant(tenantId);
        tenants.require(tenantId);
    }
}
