package io.calbridge.provisioning.enrollment.adapter.out.persistence;

import io.calbridge.provisioning.enrollment.application.Enrollments;
import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.Operation;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.domain.Strategy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** {@link Enrollments} in the {@code enrollments} table. */
@Repository
public class JdbcEnrollments implements Enrollments {

    private static final RowMapper<Enrollment> ROW = JdbcEnrollments::enrollment;

    private final JdbcTemplate jdbc;

    public JdbcEnrollments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Enrollment> find(String tenantId, String userId) {
        return jdbc.query("SELECT * FROM enrollments WHERE tenant_id = ? AND user_id = ?", ROW, tenantId, userId).stream().findFirst();
    }

    @Override
    public boolean insert(Enrollment e) {
        return jdbc.update("""
                INSERT INTO enrollments (tenant_id, user_id, kind, user_principal_name, mail, display_name, room_list_address, state,
                    operation, strategy, scope_id, scope_name, attempts, next_attempt_at, verify_since, failure_reason, last_error,
                    admin_script, correlation_id, requested_at, connected, revision, updated_at, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO NOTHING""",
                e.tenantId(), e.userId(), e.type().name(), e.userPrincipalName(), e.mail(), e.displayName(), e.roomListAddress(),
                e.state().name(), e.operation().name(), e.scope().strategy().name(), e.scope().scopeId(), e.scope().name(),
                e.attempts(), ts(e.nextAttemptAt()), ts(e.verifySince()), e.failureReason() == null ? null : e.failureReason().name(),
                e.lastError(), e.adminScript(), e.correlationId(), ts(e.requestedAt()), e.connected(), ts(e.updatedAt()),
                e.traceparent()) == 1;
    }

    @Override
    public boolean update(Enrollment e) {
        return jdbc.update("""
                UPDATE enrollments SET kind = ?, user_principal_name = ?, mail = ?, display_name = ?, room_list_address = ?,
                    state = ?, operation = ?, strategy = ?, scope_id = ?, scope_name = ?, attempts = ?, next_attempt_at = ?,
                    verify_since = ?, failure_reason = ?, last_error = ?, admin_script = ?, correlation_id = ?, requested_at = ?, connected = ?,
                    revision = revision + 1, updated_at = ?, traceparent = ?
                WHERE tenant_id = ? AND user_id = ? AND revision = ?""",
                e.type().name(), e.userPrincipalName(), e.mail(), e.displayName(), e.roomListAddress(), e.state().name(),
                e.operation().name(), e.scope().strategy().name(), e.scope().scopeId(), e.scope().name(), e.attempts(),
                ts(e.nextAttemptAt()), ts(e.verifySince()), e.failureReason() == null ? null : e.failureReason().name(),
                e.lastError(), e.adminScript(), e.correlationId(), ts(e.requestedAt()), e.connected(), ts(e.updatedAt()),
                e.traceparent(), e.tenantId(), e.userId(), e.revision()) == 1;
    }

    @Override
    public List<Enrollment> claimDue(EnrollmentState state, Instant now, Duration lease, int limit) {
        return jdbc.query("""
                UPDATE enrollments e SET next_attempt_at = ?, revision = e.revision + 1
                FROM (SELECT tenant_id, user_id FROM enrollments
                       WHERE state = ? AND next_attempt_at <= ?
                       ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE e.tenant_id = due.tenant_id AND e.user_id = due.user_id
                RETURNING e.*""",
                ROW, ts(now.plus(lease)), state.name(), ts(now), limit);
    }

    @Override
    public Due due(EnrollmentState state, Instant now) {
        return jdbc.queryForObject("""
                SELECT count(*), min(next_attempt_at) AS oldest, max(next_attempt_at) AS newest
                FROM enrollments WHERE state = ? AND next_attempt_at <= ?""",
                (rs, n) -> new Due(rs.getInt(1), instant(rs, "oldest"), instant(rs, "newest")), state.name(), ts(now));
    }

    @Override
    public List<Enrollment> list(String tenantId, EnrollmentState state, int limit) {
        if (state == null) {
            return jdbc.query("SELECT * FROM enrollments WHERE tenant_id = ? ORDER BY user_id LIMIT ?", ROW, tenantId, limit);
        }
        return jdbc.query("SELECT * FROM enrollments WHERE tenant_id = ? AND state = ? ORDER BY user_id LIMIT ?", ROW,
                tenantId, state.name(), limit);
    }

    @Override
    public Map<EnrollmentState, Long> countByState(String tenantId) {
        Map<EnrollmentState, Long> counts = new EnumMap<>(EnrollmentState.class);
        for (EnrollmentState s : EnrollmentState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, count(*) FROM enrollments WHERE tenant_id = ? GROUP BY state",
                rs -> {
                    counts.put(EnrollmentState.valueOf(rs.getString(1)), rs.getLong(2));
                }, tenantId);
        return counts;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Enrollment enrollment(ResultSet rs, int n) throws SQLException {
        String reason = rs.getString("failure_reason");
        return new Enrollment(rs.getString("tenant_id"), rs.getString("user_id"), MailboxType.valueOf(rs.getString("kind")),
                rs.getString("user_principal_name"), rs.getString("mail"), rs.getString("display_name"),
                rs.getString("room_list_address"), EnrollmentState.valueOf(rs.getString("state")),
                Operation.valueOf(rs.getString("operation")),
                new ScopeTarget(Strategy.valueOf(rs.getString("strategy")), rs.getString("scope_id"), rs.getString("scope_name")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "verify_since"),
                reason == null ? null : FailureReason.valueOf(reason), rs.getString("last_error"), rs.getString("admin_script"),
                rs.getString("correlation_id"), instant(rs, "requested_at"), rs.getBoolean("connected"), rs.getLong("revision"), instant(rs, "updated_at"),
                rs.getString("traceparent"));
    }
}
