package io.calbridge.sync.subscription.adapter.out.persistence;

import io.calbridge.sync.subscription.application.Subscriptions;
import io.calbridge.sync.subscription.domain.Health;
import io.calbridge.sync.subscription.domain.MailboxSubscription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Subscriptions} in the {@code subscriptions} table. */
@Component
public class JdbcSubscriptions implements Subscriptions {

    private final JdbcTemplate jdbc;

    public JdbcSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MailboxSubscription> find(String tenantId, String mailboxId) {
        return jdbc.query("SELECT * FROM subscriptions WHERE tenant_id = ? AND mailbox_id = ?", (rs, n) -> row(rs),
                tenantId, mailboxId).stream().findFirst();
    }

    @Override
    public Optional<MailboxSubscription> findById(String subscriptionId) {
        return jdbc.query("SELECT * FROM subscriptions WHERE subscription_id = ?", (rs, n) -> row(rs), subscriptionId)
                .stream().findFirst();
    }

    @Override
    public void save(MailboxSubscription s, Instant at) {
        jdbc.update("""
                INSERT INTO subscriptions (tenant_id, mailbox_id, subscription_id, client_state_hash, expires_at, renew_at,
                       health, last_error, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, mailbox_id) DO UPDATE
                   SET subscription_id = EXCLUDED.subscription_id, client_state_hash = EXCLUDED.client_state_hash,
                       expires_at = EXCLUDED.expires_at, renew_at = EXCLUDED.renew_at, health = EXCLUDED.health,
                       last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at""",
                s.tenantId(), s.mailboxId(), s.subscriptionId(), s.clientStateHash(), ts(s.expiresAt()), ts(s.renewAt()),
                s.health().name(), s.lastError(), ts(at));
    }

    @Override
    public void markRemoved(String subscriptionId, Instant at) {
        jdbc.update("UPDATE subscriptions SET health = ?, updated_at = ? WHERE subscription_id = ?",
                Health.REMOVED.name(), ts(at), subscriptionId);
    }

    @Override
    public void delete(String tenantId, String mailboxId) {
        jdbc.update("DELETE FROM subscriptions WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId);
    }

    @Override
    public List<MailboxSubscription> due(Instant now) {
        return jdbc.query("SELECT * FROM subscriptions WHERE renew_at IS NULL OR renew_at <= ? OR health <> ?",
                (rs, n) -> row(rs), ts(now), Health.ACTIVE.name());
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static MailboxSubscription row(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        Timestamp renew = rs.getTimestamp("renew_at");
        return new MailboxSubscription(rs.getString("tenant_id"), rs.getString("mailbox_id"), rs.getString("subscription_id"),
                rs.getString("client_state_hash"), expires == null ? null : expires.toInstant(),
                renew == null ? null : renew.toInstant(), Health.valueOf(rs.getString("health")), rs.getString("last_error"));
    }
}
