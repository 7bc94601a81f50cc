package io.calbridge.sync.calendar.adapter.out.persistence;

import io.calbridge.sync.calendar.application.CalendarItems;
import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.SeriesPosition;
import io.calbridge.sync.calendar.domain.StoredItem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@link CalendarItems} in the {@code calendar_items} and {@code item_tags} tables. */
@Component
public class JdbcCalendarItems implements CalendarItems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public JdbcCalendarItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, StoredItem> find(String tenantId, String mailboxId, Collection<String> eventIds) {
        Map<String, StoredItem> out = new HashMap<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT * FROM calendar_items WHERE tenant_id = ? AND mailbox_id = ? AND event_id = ANY (?)",
                rs -> {
                    StoredItem item = stored(rs);
                    out.put(item.eventId(), item);
                }, tenantId, mailboxId, eventIds.toArray(String[]::new));
        return out;
    }

    @Override
    public void save(String tenantId, String mailboxId, CalendarItem item, long seenEpoch, Instant at) {
        SeriesPosition s = item.series();
        jdbc.update("""
                INSERT INTO calendar_items (tenant_id, mailbox_id, event_id, event_type, series_master_id, original_start,
                       start_at, end_at, is_cancelled, change_key, content_hash, snapshot, seen_epoch, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (tenant_id, mailbox_id, event_id) DO UPDATE
                   SET event_type = EXCLUDED.event_type, series_master_id = EXCLUDED.series_master_id,
                       original_start = EXCLUDED.original_start, start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at,
                       is_cancelled = EXCLUDED.is_cancelled, change_key = EXCLUDED.change_key,
                       content_hash = EXCLUDED.content_hash, snapshot = EXCLUDED.snapshot,
                       seen_epoch = EXCLUDED.seen_epoch, updated_at = EXCLUDED.updated_at""",
                tenantId, mailboxId, item.eventId(), s.kind().name(), s.seriesMasterId(),
                s.originalStart() == null ? null : Timestamp.from(s.originalStart()),
                Timestamp.from(item.start()), Timestamp.from(item.end()), item.cancelled(), item.changeKey(),
                item.contentHash(), JSON.writeValueAsString(item), seenEpoch, Timestamp.from(at));
    }

    @Override
    public void delete(String tenantId, String mailboxId, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM calendar_items WHERE tenant_id = ? AND mailbox_id = ? AND event_id = ANY (?)",
                tenantId, mailboxId, eventIds.toArray(String[]::new));
    }

    @Override
    public List<StoredItem> inSeries(String tenantId, String mailboxId, String seriesMasterId) {
        return jdbc.query("SELECT * FROM calendar_items WHERE tenant_id = ? AND mailbox_id = ? AND series_master_id = ?",
                (rs, n) -> stored(rs), tenantId, mailboxId, seriesMasterId);
    }

    @Override
    public List<StoredItem> notSeenIn(String tenantId, String mailboxId, long epoch) {
        return jdbc.query("SELECT * FROM calendar_items WHERE tenant_id = ? AND mailbox_id = ? AND seen_epoch < ?",
                (rs, n) -> stored(rs), tenantId, mailboxId, epoch);
    }

    @Override
    public void purge(String tenantId, String mailboxId) {
        jdbc.update("DELETE FROM calendar_items WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId);
        jdbc.update("DELETE FROM item_tags WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId);
    }

    @Override
    public Map<String, Optional<String>> tags(String tenantId, String mailboxId, Collection<String> itemIds) {
        Map<String, Optional<String>> out = new HashMap<>();
        if (itemIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT item_id, tag FROM item_tags WHERE tenant_id = ? AND mailbox_id = ? AND item_id = ANY (?)",
                rs -> {
                    out.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
                }, tenantId, mailboxId, itemIds.toArray(String[]::new));
        return out;
    }

    @Override
    public void saveTags(String tenantId, String mailboxId, Map<String, String> tagsByItem) {
        for (var e : tagsByItem.entrySet()) {
            jdbc.update("""
                    INSERT INTO item_tags (tenant_id, mailbox_id, item_id, tag) VALUES (?, ?, ?, ?)
                    ON CONFLICT (tenant_id, mailbox_id, item_id) DO UPDATE SET tag = EXCLUDED.tag""",
                    tenantId, mailboxId, e.getKey(), e.getValue());
        }
    }

    private static StoredItem stored(ResultSet rs) throws SQLException {
        Timestamp original = rs.getTimestamp("original_start");
        SeriesPosition series = new SeriesPosition(SeriesPosition.Kind.valueOf(rs.getString("event_type")),
                rs.getString("series_master_id"), original == null ? null : original.toInstant());
        return new StoredItem(rs.getString("event_id"), rs.getString("change_key"), rs.getString("content_hash"), series,
                rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(), rs.getLong("seen_epoch"));
    }
}
