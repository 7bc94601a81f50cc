package io.calbridge.sync.calendar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncStateTest {

    private static final SyncWindow WINDOW = SyncWindow.around(Instant.parse("2026-11-25T12:00:00Z"), Duration.ofDays(30), Duration.ofDays(180));

    @Test
    void aRoundInProgressResumesFromItsNextLink() {
        SyncState state = new SyncState(WINDOW, "delta-1", null, 1, false).continueAt("next-7");

        assertThat(state.linkToFollow()).isEqualTo("next-7");
    }

    @Test
    void aCompletedRoundContinuesFromItsDeltaLink() {
        SyncState state = new SyncState(WINDOW, null, "next-7", 1, false).completeWith("delta-2");

        assertThat(state.linkToFollow()).isEqualTo("delta-2");
        assertThat(state.nextLink()).isNull();
    }

    @Test
    void aBaselineStartsFromAnInitialRequestWithANewEpoch() {
        SyncState state = new SyncState(WINDOW, "delta-1", null, 3, false).startBaseline(WINDOW);

        assertThat(state.linkToFollow()).isNull();
        assertThat(state.baselineEpoch()).isEqualTo(4);
        assertThat(state.inBaseline()).isTrue();
        assertThat(state.completeWith("delta-2").inBaseline()).isFalse();
    }
}
