package io.calbridge.sync.calendar.adapter.out.persistence;

import io.calbridge.sync.calendar.application.Correlations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Correlations} from the push feature's {@code pushed_events} table. */
@Component
public class JdbcCorrelations implements Correlations {

    private final JdbcTemplate jdbc;

    public JdbcCorrelations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String take(String tenantId, String mailboxId, String eventId) {
        return jdbc.query("""
                WITH pending AS (
                    SELECT external_id, pending_correlation FROM pushed_events
                     WHERE tenant_id = ? AND mailbox_id = ? AND graph_event_id = ? AND pending_correlation IS NOT NULL
                     FOR UPDATE)
                UPDATE pushed_events p SET pending_correlation = NULL
                  FROM pending
                 WHERE p.tenant_id = ? AND p.mailbox_id = ? AND p.external_id = pending.external_id
                RETURNING pending.pending_correlation""",
                rs -> rs.next() ? rs.getString(1) : null, tenantId, mailboxId, eventId, tenantId, mailboxId);
    }
}
