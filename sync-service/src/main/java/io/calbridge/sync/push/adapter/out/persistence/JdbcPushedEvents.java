package io.calbridge.sync.push.adapter.out.persistence;

import io.calbridge.sync.push.application.PushedEvents;
import io.calbridge.sync.push.domain.PushedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link PushedEvents} in the {@code pushed_events} table. */
@Component
public class JdbcPushedEvents implements PushedEvents {

    private final JdbcTemplate jdbc;

    public JdbcPushedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PushedEvent> find(String tenantId, String mailboxId, String externalId) {
        return jdbc.query("SELECT * FROM pushed_events WHERE tenant_id = ? AND mailbox_id = ? AND external_id = ? FOR UPDATE",
                (rs, n) -> new PushedEvent(rs.getString("tenant_id"), rs.getString("mailbox_id"), rs.getString("external_id"),
                        rs.getString("graph_event_id"), rs.getString("transaction_id"), rs.getString("content_hash"),
                        rs.getBoolean("deleted"), rs.getTimestamp("last_occurred_at").toInstant(), rs.getString("correlation_id")),
                tenantId, mailboxId, externalId).stream().findFirst();
    }

    @Override
    public void save(PushedEvent e, Instant at, boolean wroteToGraph) {
        jdbc.update("""
                INSERT INTO pushed_events (tenant_id, mailbox_id, external_id, graph_event_id, transaction_id, content_hash,
                       deleted, last_occurred_at, correlation_id, updated_at, pending_correlation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, mailbox_id, external_id) DO UPDATE
                   SET graph_event_id = EXCLUDED.graph_event_id, transaction_id = EXCLUDED.transaction_id,
                       content_hash = EXCLUDED.content_hash, deleted = EXCLUDED.deleted,
                       last_occurred_at = EXCLUDED.last_occurred_at, correlation_id = EXCLUDED.correlation_id,
                       updated_at = EXCLUDED.updated_at,
                       pending_correlation = CASE WHEN ? THEN EXCLUDED.pending_correlation ELSE pushed_events.pending_correlation END""",
                e.tenantId(), e.mailboxId(), e.externalId(), e.graphEventId(), e.transactionId(), e.contentHash(), e.deleted(),
                Timestamp.from(e.lastOccurredAt()), e.correlationId(), Timestamp.from(at),
                wroteToGraph ? e.correlationId() : null, wroteToGraph);
    }
}
