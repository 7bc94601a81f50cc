package io.calbridge.sync.calendar.application;

import static io.calbridge.sync.calendar.domain.CalendarItemFixtures.NINE;
import static io.calbridge.sync.calendar.domain.CalendarItemFixtures.anItem;
import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.sync.calendar.domain.Change;
import io.calbridge.sync.calendar.domain.DeltaPage;
import io.calbridge.sync.calendar.domain.Mailbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class SyncMailboxTest {

    private static final Mailbox ALICE = new Mailbox("t1", "u-alice", "alice@contoso.com", Mailbox.Kind.USER, "Alice");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final InMemorySync.Store store = new InMemorySync.Store();
    private final InMemorySync.Published published = new InMemorySync.Published();
    private final InMemorySync.ScriptedCalendar graph = new InMemorySync.ScriptedCalendar();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private SyncMailbox sync() {
        return new SyncMailbox(store, store, published, graph, (t, m, e) -> null, new TransactionTemplate(new InMemorySync.NoTransactions()), clock,
                Duration.ofDays(30), Duration.ofDays(180), Duration.ofDays(1));
    }

    private static DeltaPage last(List<io.calbridge.sync.calendar.domain.CalendarItem> items, List<String> removed, String deltaLink) {
        return new DeltaPage(items, removed, null, deltaLink);
    }

    @Test
    void theInitialSyncFollowsNextLinksReportsEveryEventAndStoresTheDeltaLink() {
        store.connect(ALICE, NOW);
        graph.tagged.put("e2", "push:lesson-1");
        graph.page(new DeltaPage(List.of(anItem("e1", "k1")), List.of(), "next-1", null))
                .page(last(List.of(anItem("e2", "k1")), List.of(), "delta-1"));

        SyncMailbox.Outcome outcome = sync().sync(ALICE, false);

        assertThat(outcome).isEqualTo(new SyncMailbox.Outcome(2, 2, true));
        assertThat(graph.linksFollowed).containsExactly(null, "next-1");
        assertThat(published.events).extracting(InMemorySync.Published.Event::change).containsExactly(Change.CREATED, Change.CREATED);
        assertThat(published.events.get(0).item().tag()).isNull();
        assertThat(published.events.get(1).item().tag()).isEqualTo("push:lesson-1");
        assertThat(store.states.get("u-alice").deltaLink()).isEqualTo("delta-1");
        assertThat(store.states.get("u-alice").inBaseline()).isFalse();
    }

    @Test
    void aReplayedDeltaReportsNothingAndAChangeIsReportedOnce() {
        store.connect(ALICE, NOW);
        graph.page(last(List.of(anItem("e1", "k1")), List.of(), "delta-1"));
        sync().sync(ALICE, false);
        graph.page(last(List.of(anItem("e1", "k1")), List.of(), "delta-2"))
                .page(last(List.of(anItem("e1", "k2", "Moved", NINE.plusSeconds(600)), anItem("e1", "k2", "Moved", NINE.plusSeconds(600))),
                        List.of(), "delta-3"));

        sync().sync(ALICE, false);
        sync().sync(ALICE, false);

        assertThat(graph.linksFollowed).containsExactly(null, "delta-1", "delta-2");
        assertThat(published.events).extracting(InMemorySync.Published.Event::change).containsExactly(Change.CREATED, Change.UPDATED);
    }

    @Test
    void aRemovedEventIsDeletedAndAnUnknownRemovalIsIgnored() {
        store.connect(ALICE, NOW);
        graph.page(last(List.of(anItem("e1", "k1")), List.of(), "delta-1"))
                .page(last(List.of(), List.of("e1", "never-seen"), "delta-2"));
        sync().sync(ALICE, false);

        sync().sync(ALICE, false);

        assertThat(published.events).extracting(InMemorySync.Published.Event::change, InMemorySync.Published.Event::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.CREATED, "e1"), org.assertj.core.groups.Tuple.tuple(Change.DELETED, "e1"));
        assertThat(store.items).isEmpty();
    }

    @Test
    void anExpiredTokenRebaselinesAndReportsOnlyWhatReallyVanished() {
        store.connect(ALICE, NOW);
        graph.page(last(List.of(anItem("e1", "k1"), anItem("e2", "k1"), anItem("e3", "k1")), List.of(), "delta-1"));
        sync().sync(ALICE, false);
        published.events.clear();
        graph.expired().page(last(List.of(anItem("e1", "k1"), anItem("e3", "k1"), anItem("e4", "k1")), List.of(), "delta-2"));

        sync().sync(ALICE, false);

        assertThat(graph.linksFollowed).containsExactly(null, "delta-1", null);
        assertThat(published.events).extracting(InMemorySync.Published.Event::change, InMemorySync.Published.Event::eventId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Change.CREATED, "e4"),
                        org.assertj.core.groups.Tuple.tuple(Change.DELETED, "e2"));
        assertThat(store.states.get("u-alice").baselineEpoch()).isEqualTo(2);
    }

    @Test
    void rollingTheWindowDropsEventsThatLeftItWithoutReportingThem() {
        store.connect(ALICE, NOW);
        Instant old = NOW.minus(Duration.ofDays(29));
        graph.page(last(List.of(anItem("old", "k1", "Old", old), anItem("e1", "k1")), List.of(), "delta-1"));
        sync().sync(ALICE, false);
        published.events.clear();
        clock = Clock.fixed(NOW.plus(Duration.ofDays(5)), ZoneOffset.UTC);
        graph.page(last(List.of(anItem("e1", "k1")), List.of(), "delta-2"));

        sync().sync(ALICE, false);

        assertThat(graph.linksFollowed).containsExactly(null, null);
        assertThat(graph.windows.get(1).start()).isAfter(graph.windows.get(0).start());
        assertThat(published.events).isEmpty();
        assertThat(store.items).containsOnlyKeys("e1");
    }

    @Test
    void aRestartResumesTheRoundFromTheStoredNextLink() {
        store.connect(ALICE, NOW);
        graph.page(new DeltaPage(List.of(anItem("e1", "k1")), List.of(), "next-1", null)).page(new DeltaPage(List.of(), List.of(), "next-2", null));
        try {
            graph.answers.add(new IllegalStateException("crash after the second page"));
            sync().sync(ALICE, false);
        } catch (IllegalStateException crashed) {
            // the run dies after two committed pages, like a process would
        }
        graph.page(last(List.of(anItem("e2", "k1")), List.of(), "delta-1"));

        sync().sync(ALICE, false);

        assertThat(graph.linksFollowed).containsExactly(null, "next-1", "next-2", "next-2");
        assertThat(published.events).extracting(InMemorySync.Published.Event::eventId).containsExactly("e1", "e2");
        assertThat(store.states.get("u-alice").deltaLink()).isEqualTo("delta-1");
    }

    @Test
    void aRemovedSeriesMasterTakesItsOccurrencesWithIt() {
        store.connect(ALICE, NOW);
        var occurrence = new io.calbridge.sync.calendar.domain.CalendarItem("o1", "Standup", NINE, NINE.plusSeconds(900), false,
                "busy", false, "organizer", null, null, null,
                new io.calbridge.sync.calendar.domain.SeriesPosition(io.calbridge.sync.calendar.domain.SeriesPosition.Kind.OCCURRENCE, "m1", NINE),
                "ical", "k1", NINE, null);
        graph.page(last(List.of(occurrence), List.of(), "delta-1")).page(last(List.of(), List.of("m1"), "delta-2"));
        sync().sync(ALICE, false);

        sync().sync(ALICE, false);

        assertThat(published.events).extracting(InMemorySync.Published.Event::change).containsExactly(Change.CREATED, Change.DELETED);
        assertThat(published.events.get(1).eventId()).isEqualTo("o1");
    }
}
