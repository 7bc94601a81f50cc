package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.StoredItem;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What sync last reported per event, and Calbridge's tag per Graph item. */
public interface CalendarItems {

    /** The stored items among {@code eventIds}, by id. */
    Map<String, StoredItem> find(String tenantId, String mailboxId, Collection<String> eventIds);

    /** Stores an item as reported, seen by round {@code seenEpoch}. */
    void save(String tenantId, String mailboxId, CalendarItem item, long seenEpoch, Instant at);

    void delete(String tenantId, String mailboxId, Collection<String> eventIds);

    /** Items of a series master (occurrences and exceptions). */
    List<StoredItem> inSeries(String tenantId, String mailboxId, String seriesMasterId);

    /** Items not seen by baseline round {@code epoch}: the candidates for "vanished". */
    List<StoredItem> notSeenIn(String tenantId, String mailboxId, long epoch);

    /** Drops every item and tag of the mailbox. */
    void purge(String tenantId, String mailboxId);

    /** Known tags by item id; a present key with an empty value means the item has none. */
    Map<String, Optional<String>> tags(String tenantId, String mailboxId, Collection<String> itemIds);

    /** Records tags; a null value records that the item has none. */
    void saveTags(String tenantId, String mailboxId, Map<String, String> tagsByItem);
}
