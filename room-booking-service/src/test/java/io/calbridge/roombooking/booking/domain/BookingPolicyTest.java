package io.calbridge.roombooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BookingPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final BookingPolicy policy = new BookingPolicy(Duration.ofHours(8), Duration.ofDays(180), Duration.ofMinutes(5));

    private static TimeSlot from(Duration offset, Duration length) {
        return new TimeSlot(NOW.plus(offset), NOW.plus(offset).plus(length));
    }

    @Test
    void acceptsASlotWithinEveryLimit() {
        assertThatCode(() -> policy.check(from(Duration.ofHours(1), Duration.ofHours(1)), 60, NOW)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAStartInThePastNamingStart() {
        assertThatThrownBy(() -> policy.check(from(Duration.ofMinutes(-30), Duration.ofHours(1)), null, NOW))
                .isInstanceOfSatisfying(InvalidBooking.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("start");
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("in-the-past");
                });
    }

    @Test
    void toleratesAStartSlightlyInThePast() {
        assertThatCode(() -> policy.check(from(Duration.ofMinutes(-2), Duration.ofHours(1)), null, NOW)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAStartBeyondTheBookingWindow() {
        assertThatThrownBy(() -> policy.check(from(Duration.ofDays(181), Duration.ofHours(1)), null, NOW))
                .isInstanceOfSatisfying(InvalidBooking.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("outside-booking-window"));
    }

    @Test
    void rejectsADurationOverTheTenantLimit() {
        assertThatThrownBy(() -> policy.check(from(Duration.ofHours(1), Duration.ofHours(9)), null, NOW))
                .isInstanceOfSatisfying(InvalidBooking.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("end"));
    }

    @Test
    void rejectsADurationOverTheRoomLimit() {
        assertThatThrownBy(() -> policy.check(from(Duration.ofHours(1), Duration.ofMinutes(90)), 60, NOW))
                .isInstanceOfSatisfying(InvalidBooking.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("duration-exceeded"));
    }

    @Test
    void anUnlimitedRoomLeavesTheTenantLimit() {
        assertThatCode(() -> policy.check(from(Duration.ofHours(1), Duration.ofHours(8)), 0, NOW)).doesNotThrowAnyException();
    }
}
