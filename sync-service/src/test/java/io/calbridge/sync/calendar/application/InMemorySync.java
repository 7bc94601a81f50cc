package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.Change;
import io.calbridge.sync.calendar.domain.DeltaPage;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.StoredItem;
import io.calbridge.sync.calendar.domain.SyncState;
import io.calbridge.sync.calendar.domain.SyncWindow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** In-memory fakes of calendar sync's ports, for one mailbox. */
final class InMemorySync {

    static final class Store implements Mailboxes, CalendarItems {
        final Map<String, Mailbox> mailboxes = new HashMap<>();
        final Map<String, SyncState> states = new HashMap<>();
        final Map<String, CalendarItem> items = new LinkedHashMap<>();
        final Map<String, Long> epochs = new HashMap<>();
        final Map<String, String> tags = new HashMap<>();

        @Override public void connect(Mailbox m, Instant at) {
            mailboxes.put(m.mailboxId(), m);
            states.putIfAbsent(m.mailboxId(), new SyncState(null, null, null, 0, false));
        }
        @Override public Optional<Mailbox> find(String t, String m) { return Optional.ofNullable(mailboxes.get(m)); }
        @Override public Optional<SyncState> lockState(String t, String m) { return state(t, m); }
        @Override public Optional<SyncState> state(String t, String m) { return Optional.ofNullable(states.get(m)); }
        @Override public void saveState(String t, String m, SyncState s, Instant at) { states.put(m, s); }
        @Override public void recordError(String t, String m, String e) { }
        @Override public boolean delete(String t, String m) { states.remove(m); return mailboxes.remove(m) != null; }
        @Override public List<Mailbox> all() { return List.copyOf(mailboxes.values()); }

        @Override public Map<String, StoredItem> find(String t, String m, Collection<String> ids) {
            Map<String, StoredItem> out = new HashMap<>();
            for (String id : ids) {
                CalendarItem i = items.get(id);
                if (i != null) {
                    out.put(id, new StoredItem(id, i.changeKey(), i.contentHash(), i.series(), i.start(), i.end(), epochs.get(id)));
                }
            }
            return out;
        }
        @Override public void save(String t, String m, CalendarItem item, long epoch, Instant at) {
            items.put(item.eventId(), item);
            epochs.put(item.eventId(), epoch);
        }
        @Override public void delete(String t, String m, Collection<String> ids) { ids.forEach(items::remove); }
        @Override public List<StoredItem> inSeries(String t, String m, String master) {
            return find(t, m, items.values().stream().filter(i -> master.equals(i.series().seriesMasterId()))
                    .map(CalendarItem::eventId).toList()).values().stream().toList();
        }
        @Override public List<StoredItem> notSeenIn(String t, String m, long epoch) {
            return find(t, m, items.keySet().stream().filter(id -> epochs.get(id) < epoch).toList()).values().stream().toList();
        }
        @Override public void purge(String t, String m) { items.clear(); tags.clear(); }
        @Override public Map<String, Optional<String>> tags(String t, String m, Collection<String> ids) {
            Map<String, Optional<String>> out = new HashMap<>();
            ids.stream().filter(tags::containsKey).forEach(id -> out.put(id, Optional.ofNullable(tags.get(id))));
            return out;
        }
        @Override public void saveTags(String t, String m, Map<String, String> byItem) { tags.putAll(byItem); }
    }

    /** Records what would go to Kafka. */
    static final class Published implements CalendarChanges {
        record Event(Change change, String eventId, CalendarItem item) {}
        final List<Event> events = new ArrayList<>();

        @Override public void publish(Mailbox mailbox, Change change, String eventId, CalendarItem item, Instant at, String correlationId) {
            events.add(new Event(change, eventId, item));
        }
    }

    /** A Graph calendar answering with scripted delta pages. */
    static final class ScriptedCalendar implements MailboxCalendar {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<String> linksFollowed = new ArrayList<>();
        final List<SyncWindow> windows = new ArrayList<>();
        final Map<String, String> tagged = new HashMap<>();

        ScriptedCalendar page(DeltaPage page) { answers.add(page); return this; }
        ScriptedCalendar expired() { answers.add(new DeltaExpired("410 syncStateNotFound")); return this; }

        @Override public DeltaPage delta(Mailbox mailbox, SyncWindow window, String link) {
            linksFollowed.add(link);
            windows.add(window);
            Object next = answers.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (DeltaPage) next;
        }
        @Override public Map<String, String> taggedItems(Mailbox mailbox) { return Map.copyOf(tagged); }
        @Override public Optional<String> tagOf(Mailbox mailbox, String itemId) { return Optional.ofNullable(tagged.get(itemId)); }
    }

    /** Transactions that do nothing: the fakes are not transactional. */
    static final class NoTransactions extends AbstractPlatformTransactionManager {
        @Override protected Object doGetTransaction() { return new Object(); }
        @Override protected void doBegin(Object transaction, TransactionDefinition definition) { }
        @Override protected void doCommit(DefaultTransactionStatus status) { }
        @Override protected void doRollback(DefaultTransactionStatus status) { }
    }

    private InMemorySync() {
    }
}
