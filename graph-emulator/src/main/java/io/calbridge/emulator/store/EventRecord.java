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
    /** The other Graph properties as compact JSON: a million events must fit in a small heap. */
    private volatile byte[] docBytes;
    private volatile com.fasterxml.jackson.databind.JsonNode recurrence;
    /** Cached from the document because free/busy and conflict checks read them in tight loops. */
    public volatile String showAs = "busy";
    public volatile boolean isCancelled;
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
    /** For a series master: original starts of cancelled (deleted) occurrences; empty and immutable otherwise, to save memory. */
    public final Set<Instant> cancelled;
    /** For a series master: original start → exception id; empty and immutable otherwise. */
    public final Map<Instant, String> exceptions;

    public EventRecord(String id, String mailboxId, Type type, Instant start, Instant end, String startZone, String endZone,
                       ObjectNode doc, @Nullable String transactionId, String iCalUId, Instant created, long version,
                       @Nullable String seriesMasterId, @Nullable Instant originalStart) {
        this.id = id;
        this.mailboxId = mailboxId;
        this.type = type;
        this.start = start;
        this.end = end;
        this.startZone = startZone.intern();
        this.endZone = endZone.intern();
        doc(doc);
        this.transactionId = transactionId;
        this.iCalUId = iCalUId;
        this.created = created;
        this.lastModified = created;
        this.version = version;
        this.seriesMasterId = seriesMasterId;
        this.originalStart = originalStart;
        this.cancelled = type == Type.seriesMaster ? ConcurrentHashMap.newKeySet() : Set.of();
        this.exceptions = type == Type.seriesMaster ? new ConcurrentHashMap<>() : Map.of();
    }

    /** A fresh, mutable copy of the stored document. */
    public ObjectNode doc() {
        try {
            return (ObjectNode) io.calbridge.emulator.odata.Json.MAPPER.readTree(docBytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void doc(ObjectNode d) {
        this.docBytes = io.calbridge.emulator.odata.Json.bytes(d);
        this.recurrence = d.hasNonNull("recurrence") ? d.get("recurrence").deepCopy() : null;
        this.showAs = d.path("showAs").asText("busy").intern();
        this.isCancelled = d.path("isCancelled").asBoolean(false);
    }

    /** The series pattern, or null for anything but a series master. */
    public com.fasterxml.jackson.databind.JsonNode recurrence() { return recurrence; }

    public String changeKey() { return Long.toString(version, 36) + "AA" + Integer.toHexString(id.hashCode()); }
}
