package io.calbridge.roombooking.booking.adapter.in.web;

import io.calbridge.roombooking.booking.domain.BookingNotFound;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.IdempotencyKeyReused;
import io.calbridge.roombooking.booking.domain.InvalidBooking;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.service.problems.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Room-booking's domain errors as RFC 9457 problem details under {@code https://calbridge.dev/problems/}:
 * {@code invalid-request} (400), {@code invalid-booking} (422), {@code idempotency-key-reused} (422),
 * {@code slot-taken} (409), {@code booking-not-found} (404), {@code booking-state} (409),
 * {@code calendar-unavailable} (503) and {@code calendar-write-failed} (502).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BookingProblems {

    @ExceptionHandler
    ProblemDetail on(InvalidRequest e) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(InvalidBooking e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-booking", "Invalid booking", e.getMessage());
        p.setProperty("field", e.field());
        p.setProperty("reason", e.code());
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(IdempotencyKeyReused e) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key reused", e.getMessage());
        p.setProperty("field", "Idempotency-Key");
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(SlotTaken e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "slot-taken", "Slot taken", e.getMessage());
        p.setProperty("roomId", e.roomId());
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("start", e.conflict().start().toString());
        conflict.put("end", e.conflict().end().toString());
        if (e.bookingId() != null) {
            conflict.put("bookingId", e.bookingId().toString());
        }
        p.setProperty("conflict", conflict);
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(BookingNotFound e) {
        ProblemDetail p = Problems.of(HttpStatus.NOT_FOUND, "booking-not-found", "Booking not found", e.getMessage());
        p.setProperty("bookingId", e.bookingId().toString());
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(BookingStateConflict e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "booking-state", "Booking state conflict", e.getMessage());
        p.setProperty("reason", e.code());
        return p;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(CalendarUnavailable e) {
        if (e.temporary()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "calendar-unavailable", "Calendar unavailable",
                            "Exchange could not be reached; nothing was booked or changed. Retry later."));
        }
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(Problems.of(HttpStatus.BAD_GATEWAY, "calendar-write-failed", "Calendar write failed",
                        "Exchange refused the calendar write; nothing was booked or changed."));
    }
}
