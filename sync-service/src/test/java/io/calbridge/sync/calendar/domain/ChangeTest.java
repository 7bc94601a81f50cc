package io.calbridge.sync.calendar.domain;

import static io.calbridge.sync.calendar.domain.CalendarItemFixtures.NINE;
import static io.calbridge.sync.calendar.domain.CalendarItemFixtures.anItem;
import static io.calbridge.sync.calendar.domain.CalendarItemFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void anEventNotReportedBeforeIsCreated() {
        assertThat(Change.of(null, anItem("e1", "k1"))).isEqualTo(Change.CREATED);
    }

    @Test
    void theSameChangeKeyIsAReplay() {
        CalendarItem item = anItem("e1", "k1");

        assertThat(Change.of(stored(item, 1), item)).isEqualTo(Change.UNCHANGED);
        assertThat(Change.UNCHANGED.reported()).isFalse();
    }

    @Test
    void aNewChangeKeyWithTheSameContentIsNoNews() {
        CalendarItem before = anItem("e1", "k1");

        assertThat(Change.of(stored(before, 1), anItem("e1", "k2"))).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void aNewChangeKeyWithDifferentContentIsAnUpdate() {
        CalendarItem before = anItem("e1", "k1");

        assertThat(Change.of(stored(before, 1), anItem("e1", "k2", "Review (moved)", NINE.plusSeconds(1800))))
                .isEqualTo(Change.UPDATED);
    }

    @Test
    void theTagCountsAsContent() {
        CalendarItem before = anItem("e1", "k1");

        assertThat(Change.of(stored(before, 1), anItem("e1", "k2").withTag("push:x"))).isEqualTo(Change.UPDATED);
    }

    @Test
    void occurrencesCarryTheirTagOnTheSeriesMaster() {
        CalendarItem single = anItem("e1", "k1");
        CalendarItem occurrence = new CalendarItem("o1", "Standup", NINE, NINE.plusSeconds(900), false, "busy", false,
                "organizer", null, null, null, new SeriesPosition(SeriesPosition.Kind.OCCURRENCE, "m1", NINE), "ical", "k",
                NINE, null);

        assertThat(single.tagHolderId()).isEqualTo("e1");
        assertThat(occurrence.tagHolderId()).isEqualTo("m1");
    }
}
