package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How bookings behave.
 *
 * @param defaultMode       the mode of tenants without their own
 * @param tenantModes       modes per tenant id
 * @param policy            duration, window and past limits
 * @param checkInGrace      a confirmed booking not checked in this long after its start is released (NO_SHOW)
 * @param checkInOpensBefore how long before the start check-in opens
 * @param inviteTimeout     an INVITE booking the room has not answered after this long is declined
 */
public record BookingSettings(BookingMode defaultMode, Map<String, BookingMode> tenantModes, BookingPolicy policy,
                              Duration checkInGrace, Duration checkInOpensBefore, Duration inviteTimeout) {

    public BookingSettings {
        tenantModes = tenantModes == null ? Map.of() : Map.copyOf(tenantModes);
    }

    public BookingMode modeOf(String tenantId) {
        return tenantModes.getOrDefault(tenantId, defaultMode);
    }
}
