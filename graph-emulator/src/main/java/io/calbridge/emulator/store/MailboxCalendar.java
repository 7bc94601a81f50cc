package io.calbridge.emulator.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * One mailbox's primary calendar. Single instances and exceptions are indexed by start so that a
 * calendarView over a window scans only nearby events (1,000,000 events spread over mailboxes stay cheap);
 * series masters are few and kept apart. Deleted items leave tombstones for delta.
 */
public final class MailboxCalendar {
    /** The index key: start, then id, so equal starts do not collide. */
    public record Key(Instant start, String id) {}

    /** A deleted event or occurrence, remembered so delta can report {@code @removed}. */
    public record Tombstone(String id, long version, Instant start, Instant end, @Nullable EventRecord deletedMaster) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::start).thenComparing(Key::id);

    public final String mailboxId;
    private final Map<String, EventRecord> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Key, EventRecord> timed = new ConcurrentSkipListMap<>(ORDER);
    private final Map<String, EventRecord> masters = new ConcurrentHashMap<>();
    private final Map<String, String> byTransactionId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Tombstone> tombstones = new ConcurrentLinkedDeque<>();
    /** The longest single event seen, so a window scan knows how far before the window to start. */
    private volatile Duration longest = Duration.ofDays(1);
    /** Bumped to invalidate every outstanding delta token of this mailbox. */
    public volatile int deltaEpoch;
    /**
     * Outlook keeps a bounded delta cache and evicts old state (GRAPH-FACTS §5.3); here the oldest tombstones go
     * once there are more than this many, and tokens older than the oldest kept one can no longer be served.
     */
    public static final int MAX_TOMBSTONES = 20_000;
    private volatile long prunedThrough;

    public MailboxCalendar(String mailboxId) { this.mailboxId = mailboxId; }

    public synchronized void put(EventRecord e) {
        EventRecord old = byId.put(e.id, e);
        if (old != null) timed.remove(new Key(old.start, old.id));
        if (e.type == EventRecord.Type.seriesMaster) {
            masters.put(e.id, e);
        } else {
            timed.put(new Key(e.start, e.id), e);
            Duration d = Duration.between(e.start, e.end);
            if (d.compareTo(longest) > 0) longest = d;
        }
        if (e.transactionId != null) byTransactionId.put(e.transactionId, e.id);
    }

    /** Re-indexes after start/end changed; {@code oldStart} is the start the event was indexed under. */
    public synchronized void reindex(EventRecord e, Instant oldStart) {
        if (e.type == EventRecord.Type.seriesMaster) return;
        timed.remove(new Key(oldStart, e.id));
        put(e);
    }

    public synchronized void remove(EventRecord e, long version) {
        byId.remove(e.id);
        masters.remove(e.id);
        timed.remove(new Key(e.start, e.id));
        if (e.transactionId != null) byTransactionId.remove(e.transactionId, e.id);
        addTombstone(new Tombstone(e.id, version, e.start, e.end, e.type == EventRecord.Type.seriesMaster ? e : null));
    }

    public synchronized void tombstone(String id, long version, Instant start, Instant end) {
        addTombstone(new Tombstone(id, version, start, end, null));
    }

    private void addTombstone(Tombstone t) {
        tombstones.add(t);
        while (tombstones.size() > MAX_TOMBSTONES) {
            Tombstone old = tombstones.pollFirst();
            if (old != null) prunedThrough = Math.max(prunedThrough, old.version());
        }
    }

    /** True when changes after {@code version} can no longer be reported completely. */
    public boolean syncStateLost(long version) { return version < prunedThrough; }

    public @Nullable EventRecord get(String id) { return byId.get(id); }

    public @Nullable EventRecord byTransactionId(String tx) {
        String id = byTransactionId.get(tx);
        return id == null ? null : byId.get(id);
    }

    public Collection<EventRecord> all() { return byId.values(); }
    public Collection<EventRecord> masters() { return masters.values(); }
    public int size() { return byId.size(); }

    /** Single instances and exceptions overlapping [from, to), in start order. */
    public List<EventRecord> overlapping(Instant from, Instant to) {
        List<EventRecord> out = new ArrayList<>();
        Key lo = new Key(from.minus(longest), "");
        Key hi = new Key(to, "");
        for (EventRecord e : timed.subMap(lo, true, hi, false).values()) {
            if (e.end.isAfter(from) || (e.start.equals(e.end) && !e.start.isBefore(from))) out.add(e);
        }
        return out;
    }

    public List<Tombstone> tombstonesAfter(long version) {
        List<Tombstone> out = new ArrayList<>();
        for (Tombstone t : tombstones) if (t.version() > version) out.add(t);
        return out;
    }
}
