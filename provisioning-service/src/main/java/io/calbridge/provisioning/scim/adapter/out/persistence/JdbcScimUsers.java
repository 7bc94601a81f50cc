package io.calbridge.provisioning.scim.adapter.out.persistence;

import io.calbridge.provisioning.scim.application.ScimUsers;
import io.calbridge.provisioning.scim.domain.ScimUser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** {@link ScimUsers} in {@code scim_users} and {@code scim_tokens}. */
@Repository
public class JdbcScimUsers implements ScimUsers {

    private static final RowMapper<ScimUser> ROW = (rs, n) -> new ScimUser(rs.getString("tenant_id"), rs.getString("user_id"),
            rs.getString("user_name"), rs.getString("display_name"), rs.getString("email"), rs.getString("department"),
            rs.getBoolean("active"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public JdbcScimUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ScimUser> find(String tenantId, String userId) {
        return jdbc.query("SELECT * FROM scim_users WHERE tenant_id = ? AND user_id = ?", ROW, tenantId, userId).stream().findFirst();
    }

    @Override
    public Optional<ScimUser> findByUserName(String tenantId, String userName) {
        return jdbc.query("SELECT * FROM scim_users WHERE tenant_id = ? AND lower(user_name) = lower(?)", ROW, tenantId, userName)
                .stream().findFirst();
    }

    @Override
    public List<ScimUser> list(String tenantId, int startIndex, int count) {
        return jdbc.query("SELECT * FROM scim_users WHERE tenant_id = ? ORDER BY user_id OFFSET ? LIMIT ?", ROW, tenantId,
                Math.max(0, startIndex - 1), count);
    }

    @Override
    public int count(String tenantId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM scim_users WHERE tenant_id = ?", Integer.class, tenantId);
        return n == null ? 0 : n;
    }

    @Override
    public boolean insert(ScimUser u) {
        return jdbc.update("""
                INSERT INTO scim_users (tenant_id, user_id, user_name, display_name, email, department, active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                u.tenantId(), u.userId(), u.userName(), u.displayName(), u.email(), u.department(), u.active(), ts(u.updatedAt())) == 1;
    }

    @Override
    public void update(ScimUser u) {
        jdbc.update("""
                UPDATE scim_users SET user_name = ?, display_name = ?, email = ?, department = ?, active = ?, updated_at = ?
                WHERE tenant_id = ? AND user_id = ?""",
                u.userName(), u.displayName(), u.email(), u.department(), u.active(), ts(u.updatedAt()), u.tenantId(), u.userId());
    }

    @Override
    public void delete(String tenantId, String userId) {
        jdbc.update("DELETE FROM scim_users WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
    }

    @Override
    public void saveTokenHash(String tenantId, String hash) {
        jdbc.update("""
                INSERT INTO scim_tokens (tenant_id, token_hash, created_at) VALUES (?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at""",
                tenantId, hash);
    }

    @Override
    public Optional<String> tenantOfTokenHash(String hash) {
        return jdbc.queryForList("SELECT tenant_id FROM scim_tokens WHERE token_hash = ?", String.class, hash).stream().findFirst();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
