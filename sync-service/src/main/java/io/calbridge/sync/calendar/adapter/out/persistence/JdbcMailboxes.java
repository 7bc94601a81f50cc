package io.calbridge.sync.calendar.adapter.out.persistence;

import io.calbridge.sync.calendar.application.Mailboxes;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.SyncState;
import io.calbridge.sync.calendar.domain.SyncWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Mailboxes} in the {@code mailboxes} table. */
@Component
public class JdbcMailboxes implements Mailboxes {

    private final JdbcTemplate jdbc;

    public JdbcMailboxes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void connect(Mailbox m, Instant at) {
        jdbc.update("""
                INSERT INTO mailboxes (tenant_id, mailbox_id, address, kind, display_name, connected_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, mailbox_id) DO UPDATE
                   SET address = EXCLUDED.address, kind = EXCLUDED.kind, display_name = EXCLUDED.display_name""",
                m.tenantId(), m.mailboxId(), m.address(), m.kind().name(), m.displayName(), Timestamp.from(at));
    }

    @Override
    public Optional<Mailbox> find(String tenantId, String mailboxId) {
        return jdbc.query("SELECT * FROM mailboxes WHERE tenant_id = ? AND mailbox_id = ?",
                (rs, n) -> mailbox(rs), tenantId, mailboxId).stream().findFirst();
    }

    @Override
    public Optional<SyncState> lockState(String tenantId, String mailboxId) {
        return jdbc.query("SELECT * FROM mailboxes WHERE tenant_id = ? AND mailbox_id = ? FOR UPDATE",
                (rs, n) -> state(rs), tenantId, mailboxId).stream().findFirst();
    }

    @Override
    public Optional<SyncState> state(String tenantId, String mailboxId) {
        return jdbc.query("SELECT * FROM mailboxes WHERE tenant_id = ? AND mailbox_id = ?",
                (rs, n) -> state(rs), tenantId, mailboxId).stream().findFirst();
    }

    @Override
    public void saveState(String tenantId, String mailboxId, SyncState s, Instant at) {
        jdbc.update("""
                UPDATE mailboxes SET window_start = ?, window_end = ?, delta_link = ?, next_link = ?, baseline_epoch = ?,
                       in_baseline = ?, last_synced_at = ?
                 WHERE tenant_id = ? AND mailbox_id = ?""",
                s.window() == null ? null : Timestamp.from(s.window().start()),
                s.window() == null ? null : Timestamp.from(s.window().end()),
                s.deltaLink(), s.nextLink(), s.baselineEpoch(), s.inBaseline(), Timestamp.from(at), tenantId, mailboxId);
    }

    @Override
    public void recordError(String tenantId, String mailboxId, String error) {
        jdbc.update("UPDATE mailboxes SET last_error = ? WHERE tenant_id = ? AND mailbox_id = ?", error, tenantId, mailboxId);
    }

    @Override
    public boolean delete(String tenantId, String mailboxId) {
        return jdbc.update("DELETE FROM mailboxes WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId) > 0;
    }

    @Override
    public List<Mailbox> all() {
        return jdbc.query("SELECT * FROM mailboxes ORDER BY tenant_id, mailbox_id", (rs, n) -> mailbox(rs));
    }

    private static Mailbox mailbox(ResultSet rs) throws SQLException {
        return new Mailbox(rs.getString("tenant_id"), rs.getString("mailbox_id"), rs.getString("address"),
                Mailbox.Kind.valueOf(rs.getString("kind")), rs.getString("display_name"));
    }

    private static SyncState state(ResultSet rs) throws SQLException {
        Timestamp start = rs.getTimestamp("window_start");
        Timestamp end = rs.getTimestamp("window_end");
        SyncWindow window = start == null || end == null ? null : new SyncWindow(start.toInstant(), end.toInstant());
        return new SyncState(window, rs.getString("delta_link"), rs.getString("next_link"), rs.getLong("baseline_epoch"),
                rs.getBoolean("in_baseline"));
    }
}
