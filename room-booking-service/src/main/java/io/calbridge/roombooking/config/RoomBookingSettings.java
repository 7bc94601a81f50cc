package io.calbridge.roombooking.config;

import io.calbridge.roombooking.booking.domain.BookingMode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Room-booking settings under {@code roombooking}.
 *
 * @param booking  modes and limits of bookings
 * @param checkIn  check-in and the no-show release
 * @param invite   INVITE-mode follow-up
 * @param recovery bookings a stopped instance left PENDING
 */
@ConfigurationProperties("roombooking")
public record RoomBookingSettings(@DefaultValue Booking booking, @DefaultValue CheckIn checkIn,
                                  @DefaultValue Invite invite, @DefaultValue Recovery recovery) {

    /**
     * @param mode          the default mode: ROOM_CALENDAR (write into the room's calendar) or INVITE
     * @param tenantModes   per-tenant modes, keyed by tenant id
     * @param maxDuration   the tenant limit of one booking (GRAPH-FACTS §6.2: Exchange's default is 24 h)
     * @param window        how far ahead bookings may start (Exchange's BookingWindowInDays default: 180)
     * @param pastTolerance how far in the past a start may be (kiosk clocks)
     */
    public record Booking(@DefaultValue("ROOM_CALENDAR") BookingMode mode, Map<String, BookingMode> tenantModes,
                          @DefaultValue("PT24H") Duration maxDuration, @DefaultValue("P180D") Duration window,
                          @DefaultValue("PT5M") Duration pastTolerance) {}

    /**
     * @param grace         release a booking not checked in this long after its start
     * @param opensBefore   check-in opens this long before the start
     * @param sweepInterval how often the release runs
     */
    public record CheckIn(@DefaultValue("PT10M") Duration grace, @DefaultValue("PT15M") Duration opensBefore,
                          @DefaultValue("PT30S") Duration sweepInterval) {}

    /**
     * @param timeout      decline an INVITE booking the room has not answered after this long
     * @param pollInterval how often the organizer's events are polled for the room's answer
     */
    public record Invite(@DefaultValue("PT30M") Duration timeout, @DefaultValue("PT30S") Duration pollInterval) {}

    /**
     * @param interval     how often PENDING bookings are looked for
     * @param pendingAfter a booking PENDING this long is settled from what its room calendar holds
     */
    public record Recovery(@DefaultValue("PT30S") Duration interval, @DefaultValue("PT2M") Duration pendingAfter) {}
}
