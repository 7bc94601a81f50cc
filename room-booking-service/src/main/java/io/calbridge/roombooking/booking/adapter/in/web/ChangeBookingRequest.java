package io.calbridge.roombooking.booking.adapter.in.web;

import java.time.Instant;
import java.util.List;

/** The body of {@code PATCH /api/tenants/{tenantId}/bookings/{id}}; absent fields stay unchanged. */
public record ChangeBookingRequest(Instant start, Instant end, String subject, List<String> attendees) {}
