package io.calbridge.roombooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSlotTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-12-01T11:00:00Z");

    @Test
    void slotsSharingAnInstantOverlap() {
        TimeSlot morning = new TimeSlot(NINE, ELEVEN);

        TimeSlot inside = new TimeSlot(TEN, TEN.plusSeconds(60));

        assertThat(morning.overlaps(inside)).isTrue();
        assertThat(inside.overlaps(morning)).isTrue();
    }

    @Test
    void slotsThatOnlyTouchDoNotOverlap() {
        TimeSlot first = new TimeSlot(NINE, TEN);

        TimeSlot second = new TimeSlot(TEN, ELEVEN);

        assertThat(first.overlaps(second)).isFalse();
        assertThat(second.overlaps(first)).isFalse();
    }

    @Test
    void rejectsAnEndThatIsNotAfterTheStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TimeSlot(TEN, TEN));
        assertThatIllegalArgumentException().isThrownBy(() -> new TimeSlot(TEN, NINE));
    }
}
