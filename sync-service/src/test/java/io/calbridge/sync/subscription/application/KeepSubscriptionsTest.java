package io.calbridge.sync.subscription.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.sync.calendar.application.RequestSync;
import io.calbridge.sync.calendar.application.SyncRequests;
import io.calbridge.sync.calendar.application.SyncSignal;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.subscription.domain.ClientState;
import io.calbridge.sync.subscription.domain.Health;
import io.calbridge.sync.subscription.domain.MailboxSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class KeepSubscriptionsTest {

    private static final Mailbox ALICE = new Mailbox("t1", "u-alice", "alice@contoso.com", Mailbox.Kind.USER, null);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final InMemorySubscriptions store = new InMemorySubscriptions();
    private final FakeGraph graph = new FakeGraph();
    private final MutableClock clock = new MutableClock(NOW);

    private KeepSubscriptions keeper() {
        var tx = new TransactionTemplate(new NoTransactions());
        var requests = new SyncRequests() {
            @Override public void request(Request r, Instant at) { }
            @Override public List<Claimed> claim(String o, int m, Duration l, Instant n) { return List.of(); }
            @Override public List<Claimed> renew(String o, List<Claimed> r, Duration l, Instant n) { return r; }
            @Override public int releaseAll(String o) { return 0; }
            @Override public void complete(Claimed c) { }
            @Override public void retryLater(Claimed c, Instant nb, Instant n) { }
            @Override public void forget(String t, String m) { }
        };
        return new KeepSubscriptions(store, graph, new RequestSync(requests, new SyncSignal(), clock), tx, clock,
                Duration.ofHours(70), () -> "https://sync.example.com");
    }

    @Test
    void createsOneSubscriptionWithBothUrlsAndKeepsOnlyTheSecretsHash() {
        keeper().keep(ALICE, false);

        assertThat(graph.created).singleElement().satisfies(c -> {
            assertThat(c.get("notificationUrl")).isEqualTo("https://sync.example.com/webhooks/graph/notifications");
            assertThat(c.get("lifecycleUrl")).isEqualTo("https://sync.example.com/webhooks/graph/lifecycle");
        });
        MailboxSubscription s = store.find("t1", "u-alice").orElseThrow();
        assertThat(s.health()).isEqualTo(Health.ACTIVE);
        assertThat(s.clientStateHash()).isEqualTo(ClientState.hash(graph.created.getFirst().get("clientState")));
        assertThat(s.renewAt()).isEqualTo(NOW.plus(Duration.ofHours(35)));
    }

    @Test
    void renewsOnlyOnceHalfItsLifetimeHasPassed() {
        keeper().keep(ALICE, false);
        clock.now = NOW.plus(Duration.ofHours(34));
        keeper().keep(ALICE, false);
        assertThat(graph.renewed).isEmpty();

        clock.now = NOW.plus(Duration.ofHours(36));
        keeper().keep(ALICE, false);

        assertThat(graph.renewed).hasSize(1);
        assertThat(graph.created).hasSize(1);
    }

    @Test
    void recreatesASubscriptionGraphNoLongerHas() {
        keeper().keep(ALICE, false);
        String first = store.find("t1", "u-alice").orElseThrow().subscriptionId();
        graph.gone = true;

        keeper().keep(ALICE, true);

        MailboxSubscription s = store.find("t1", "u-alice").orElseThrow();
        assertThat(s.subscriptionId()).isNotEqualTo(first);
        assertThat(s.health()).isEqualTo(Health.ACTIVE);
        assertThat(graph.created).hasSize(2);
    }

    @Test
    void aFailedCreateIsRecordedAsHealthNotThrown() {
        graph.failCreate = true;

        keeper().keep(ALICE, false);

        MailboxSubscription s = store.find("t1", "u-alice").orElseThrow();
        assertThat(s.health()).isEqualTo(Health.FAILING);
        assertThat(s.lastError()).contains("validation");
    }

    static final class InMemorySubscriptions implements Subscriptions {
        final Map<String, MailboxSubscription> rows = new HashMap<>();

        @Override public Optional<MailboxSubscription> find(String t, String m) { return Optional.ofNullable(rows.get(m)); }
        @Override public Optional<MailboxSubscription> findById(String id) {
            return rows.values().stream().filter(s -> id.equals(s.subscriptionId())).findFirst();
        }
        @Override public void save(MailboxSubscription s, Instant at) { rows.put(s.mailboxId(), s); }
        @Override public void markRemoved(String id, Instant at) { }
        @Override public void delete(String t, String m) { rows.remove(m); }
        @Override public List<MailboxSubscription> due(Instant now) { return List.of(); }
    }

    static final class FakeGraph implements ChangeSubscriptions {
        final List<Map<String, String>> created = new ArrayList<>();
        final List<String> renewed = new ArrayList<>();
        boolean gone;
        boolean failCreate;

        @Override public Created create(String t, String m, String url, String lifecycle, String clientState, Instant expires) {
            if (failCreate) {
                throw new IllegalStateException("Subscription validation request failed.");
            }
            created.add(Map.of("notificationUrl", url, "lifecycleUrl", lifecycle, "clientState", clientState));
            return new Created("sub-" + created.size(), expires);
        }
        @Override public Instant renew(String t, String m, String id, Instant expires) {
            if (gone) {
                throw new SubscriptionGone(id);
            }
            renewed.add(id);
            return expires;
        }
        @Override public CompletableFuture<Void> delete(String t, String m, String id) { return CompletableFuture.completedFuture(null); }
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) { this.now = now; }
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static final class NoTransactions extends AbstractPlatformTransactionManager {
        @Override protected Object doGetTransaction() { return new Object(); }
        @Override protected void doBegin(Object transaction, TransactionDefinition definition) { }
        @Override protected void doCommit(DefaultTransactionStatus status) { }
        @Override protected void doRollback(DefaultTransactionStatus status) { }
    }
}
