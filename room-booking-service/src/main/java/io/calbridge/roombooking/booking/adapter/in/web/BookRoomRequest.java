package io.calbridge.roombooking.booking.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/tenants/{tenantId}/bookings}.
 *
 * @param roomId    the room mailbox's Entra object id; or give {@code roomEmail}
 * @param roomEmail the room mailbox's SMTP address; or give {@code roomId}
 * @param organizer UPN or SMTP address of a user of the tenant
 * @param start     UTC instant, ISO-8601
 * @param end       UTC instant after {@code start}
 */
public record BookRoomRequest(
        @Schema(description = "Room mailbox object id (or give roomEmail)") String roomId,
        @Schema(description = "Room SMTP address (or give roomId)") String roomEmail,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizer,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-12-01T09:00:00Z") Instant start,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-12-01T10:00:00Z") Instant end,
        String subject,
        List<String> attendees) {}
