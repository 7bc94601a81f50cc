package io.calbridge.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A stored event: a single instance, a series master, or an exception of a series. Occurrences are
 * not stored; they are computed from the master when a view is read. Times are indexed as UTC
 * instants; {@code doc} keeps the other Graph properties as written by the client.
 * Mutated only under the owning {@link MailboxCalendar}'s lock.
 */
public final class EventRecord {
    /** Graph's eventType values that are stored. */
    public enum Type { singleInstance, seriesMaster, exception }

    public final String id;
    public final String mailboxId;
    public final Type type;
    public Instant start;
    public Instant end;
    public String startZone;
    public String endZone;
    public ObjectNode doc;
    public final Map<String, String> extended = new LinkedHashMap<>();
    public final @Nullable String transactionId;
    public final String iCalUId;
    public final Instant created;
    public Instant lastModified;
    /** Tenant-wide change sequence at the last write; drives delta. */
    public long version;
    public final @Nullable String seriesMasterId;
    /** For an exception: the start of the occurrence it replaces. */
    public final @Nullable Instant originalStart;
    /** For a series master: original starts of cancelled (deleted) occurrences. */
    public final Set<Instant> cancelled = ConcurrentHashMap.newKeySet();
    /** For a series master: original start → exception id. */
    public final Map<Instant, String> exceptions = new ConcurrentHashMap<>();

    public EventRecord(String id, String mailboxId, Type type, Instant start, Instant end, String startZone, String endZone,
                       ObjectNode doc, @Nullable String transactionId, String iCalUId, Instant created, long version,
                       @Nullable String seriesMasterId, @Nullable Instant originalStart) {
        this.id = id;
        this.mailboxId = mailboxId;
        this.type = type;
        this.start = start;
        this.end = end;
        this.startZone = startZone;
        this.endZone = endZone;
        this.doc = doc;
        this.transactionId = transactionId;
        this.iCalUId = iCalUId;
        this.created = created;
        this.lastModified = created;
        this.version = version;
        this.seriesMasterId = seriesMasterId;
        this.originalStart = originalStart;
    }

    public String changeKey() { return Long.toString(version, 36) + "AA" + Integer.toHexString(id.hashCode()); }
}
