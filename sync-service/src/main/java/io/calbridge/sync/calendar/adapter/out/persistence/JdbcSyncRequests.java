package io.calbridge.sync.calendar.adapter.out.persistence;

import io.calbridge.messaging.TraceContext;
import io.calbridge.sync.calendar.application.SyncRequests;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link SyncRequests} in the {@code sync_requests} table; claims use {@code FOR UPDATE SKIP LOCKED} and a lease that
 * the owner renews while the run goes on (only while {@code claimed_by} is still the owner). A
 * request keeps the trace current when it is made (the first one of coalesced requests wins), for the run to continue.
 */
@Component
public class JdbcSyncRequests implements SyncRequests {

    private final JdbcTemplate jdbc;

    public JdbcSyncRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void request(Request r, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.update("""
                INSERT INTO sync_requests (tenant_id, mailbox_id, reason, rebaseline, check_subscription, generation,
                       requested_at, not_before, notified_at, traceparent)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, CAST(? AS TIMESTAMPTZ), ?)
                ON CONFLICT (tenant_id, mailbox_id) DO UPDATE
                   SET reason = EXCLUDED.reason,
                       rebaseline = sync_requests.rebaseline OR EXCLUDED.rebaseline,
                       check_subscription = sync_requests.check_subscription OR EXCLUDED.check_subscription,
                       generation = sync_requests.generation + 1,
                       not_before = LEAST(sync_requests.not_before, EXCLUDED.not_before),
                       notified_at = LEAST(sync_requests.notified_at, EXCLUDED.notified_at),
                       traceparent = COALESCE(sync_requests.traceparent, EXCLUDED.traceparent)""",
                r.tenantId(), r.mailboxId(), r.reason(), r.rebaseline(), r.checkSubscription(), now, now,
                timestamp(r.notifiedAt()), TraceContext.current().map(TraceContext::traceparent).orElse(null));
    }

    @Override
    public List<Claimed> claim(String owner, int max, Duration lease, Instant now) {
        return jdbc.query("""
                UPDATE sync_requests r
                   SET claimed_by = ?, claimed_until = ?, claimed_generation = r.generation, notified_at = NULL,
                       traceparent = NULL
                  FROM (SELECT tenant_id, mailbox_id, notified_at, traceparent FROM sync_requests
                         WHERE not_before <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                         ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED) due
                 WHERE r.tenant_id = due.tenant_id AND r.mailbox_id = due.mailbox_id
                RETURNING r.tenant_id, r.mailbox_id, r.reason, r.rebaseline, r.check_subscription, r.generation, r.attempts,
                          due.notified_at, due.traceparent""",
                (rs, n) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getLong(6), rs.getInt(7), instant(rs.getTimestamp(8)), rs.getString(9)),
                owner, Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now), max);
    }

    @Override
    public List<Claimed> renew(String owner, List<Claimed> running, Duration lease, Instant now) {
        if (running.isEmpty()) {
            return List.of();
        }
        Timestamp until = Timestamp.from(now.plus(lease));
        int[] renewed = jdbc.batchUpdate("""
                UPDATE sync_requests SET claimed_until = GREATEST(claimed_until, ?)
                 WHERE tenant_id = ? AND mailbox_id = ? AND claimed_by = ?""",
                running.stream().map(c -> new Object[] {until, c.tenantId(), c.mailboxId(), owner}).toList());
        List<Claimed> kept = new ArrayList<>();
        for (int i = 0; i < renewed.length; i++) {
            if (renewed[i] != 0) {
                kept.add(running.get(i));
            }
        }
        return kept;
    }

    @Override
    public int releaseAll(String owner) {
        return jdbc.update("UPDATE sync_requests SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", owner);
    }

    @Override
    public void complete(Claimed c) {
        int deleted = jdbc.update("DELETE FROM sync_requests WHERE tenant_id = ? AND mailbox_id = ? AND generation = ?",
                c.tenantId(), c.mailboxId(), c.generation());
        if (deleted == 0) {
            // Requested again while running: run once more, without the flags this run already honoured.
            jdbc.update("""
                    UPDATE sync_requests SET claimed_by = NULL, claimed_until = NULL, attempts = 0,
                           rebaseline = rebaseline AND NOT ?, check_subscription = check_subscription AND NOT ?
                     WHERE tenant_id = ? AND mailbox_id = ?""",
                    c.rebaseline(), c.checkSubscription(), c.tenantId(), c.mailboxId());
        }
    }

    @Override
    public void retryLater(Claimed c, Instant notBefore, Instant now) {
        jdbc.update("""
                UPDATE sync_requests SET claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1, not_before = ?,
                       notified_at = LEAST(notified_at, CAST(? AS TIMESTAMPTZ)), traceparent = COALESCE(traceparent, ?)
                 WHERE tenant_id = ? AND mailbox_id = ?""",
                Timestamp.from(notBefore), timestamp(c.notifiedAt()), c.traceparent(), c.tenantId(), c.mailboxId());
    }

    @Override
    public void forget(String tenantId, String mailboxId) {
        jdbc.update("DELETE FROM sync_requests WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
