package io.calbridge.sync.calendar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:14:15Z");

    @Test
    void spansTheConfiguredDaysAroundTodaysMidnight() {
        SyncWindow w = SyncWindow.around(NOW, Duration.ofDays(30), Duration.ofDays(180));

        assertThat(w.start()).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2027-05-24T00:00:00Z"));
    }

    @Test
    void anEventOverlapsWhenAnyPartOfItIsInside() {
        SyncWindow w = new SyncWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(w.overlaps(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"))).isTrue();
        assertThat(w.overlaps(Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("2026-10-31T00:00:00Z"))).isFalse();
        assertThat(w.overlaps(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T01:00:00Z"))).isFalse();
    }

    @Test
    void rollsOnlyOnceItLagsByTheConfiguredAmount() {
        SyncWindow today = SyncWindow.around(NOW, Duration.ofDays(30), Duration.ofDays(180));
        SyncWindow tomorrow = SyncWindow.around(NOW.plus(Duration.ofDays(1)), Duration.ofDays(30), Duration.ofDays(180));

        assertThat(today.lagsBehind(today, Duration.ofDays(1))).isFalse();
        assertThat(today.lagsBehind(tomorrow, Duration.ofDays(1))).isTrue();
        assertThat(today.lagsBehind(tomorrow, Duration.ofDays(2))).isFalse();
    }
}
