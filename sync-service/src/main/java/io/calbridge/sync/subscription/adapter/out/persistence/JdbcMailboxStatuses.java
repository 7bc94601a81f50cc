package io.calbridge.sync.subscription.adapter.out.persistence;

import io.calbridge.sync.subscription.application.MailboxStatuses;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link MailboxStatuses} from the {@code mailboxes} and {@code subscriptions} tables. */
@Component
public class JdbcMailboxStatuses implements MailboxStatuses {

    private static final String SELECT = """
            SELECT m.mailbox_id, m.address, m.kind, m.connected_at, m.window_start, m.window_end, m.in_baseline,
                   m.last_synced_at, m.last_error, s.health, s.expires_at, s.last_error AS subscription_error
              FROM mailboxes m LEFT JOIN subscriptions s ON s.tenant_id = m.tenant_id AND s.mailbox_id = m.mailbox_id
             WHERE m.tenant_id = ?""";

    private final JdbcTemplate jdbc;

    public JdbcMailboxStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MailboxStatus> ofTenant(String tenantId) {
        return jdbc.query(SELECT + " ORDER BY m.mailbox_id", (rs, n) -> status(rs), tenantId);
    }

    @Override
    public List<MailboxHealth> everyMailbox() {
        return jdbc.query("""
                SELECT m.tenant_id, m.mailbox_id, m.connected_at, m.last_synced_at, s.health
                  FROM mailboxes m LEFT JOIN subscriptions s ON s.tenant_id = m.tenant_id AND s.mailbox_id = m.mailbox_id""",
                (rs, n) -> new MailboxHealth(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), rs.getString(5)));
    }

    @Override
    public Optional<MailboxStatus> of(String tenantId, String mailboxId) {
        return jdbc.query(SELECT + " AND m.mailbox_id = ?", (rs, n) -> status(rs), tenantId, mailboxId).stream().findFirst();
    }

    private static MailboxStatus status(ResultSet rs) throws SQLException {
        return new MailboxStatus(rs.getString("mailbox_id"), rs.getString("address"), rs.getString("kind"),
                instant(rs.getTimestamp("connected_at")), instant(rs.getTimestamp("window_start")),
                instant(rs.getTimestamp("window_end")), rs.getBoolean("in_baseline"), instant(rs.getTimestamp("last_synced_at")),
                rs.getString("last_error"), rs.getString("health"), instant(rs.getTimestamp("expires_at")),
                rs.getString("subscription_error"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
