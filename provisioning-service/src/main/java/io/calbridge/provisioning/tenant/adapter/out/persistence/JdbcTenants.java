package io.calbridge.provisioning.tenant.adapter.out.persistence;

import io.calbridge.provisioning.tenant.application.PolicyDocument;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.CredentialKind;
import io.calbridge.provisioning.tenant.domain.ServiceCredential;
import io.calbridge.provisioning.tenant.domain.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@link Tenants} in the {@code tenants} and {@code tenant_credentials} tables; the policy is stored as JSON. */
@Repository
public class JdbcTenants implements Tenants {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public JdbcTenants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        return jdbc.query("SELECT * FROM tenants WHERE tenant_id = ?", (rs, n) -> tenant(rs), tenantId).stream().findFirst();
    }

    @Override
    public List<Tenant> active() {
        return jdbc.query("SELECT * FROM tenants WHERE NOT removed ORDER BY tenant_id", (rs, n) -> tenant(rs));
    }

    @Override
    public void save(Tenant t) {
        jdbc.update("""
                INSERT INTO tenants (tenant_id, display_name, client_id, authority_host, graph_base_url, authority_trust_pem,
                                     policy, version, removed, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET display_name = EXCLUDED.display_name, client_id = EXCLUDED.client_id,
                    authority_host = EXCLUDED.authority_host, graph_base_url = EXCLUDED.graph_base_url,
                    authority_trust_pem = EXCLUDED.authority_trust_pem, policy = EXCLUDED.policy, version = EXCLUDED.version,
                    removed = EXCLUDED.removed, updated_at = EXCLUDED.updated_at""",
                t.tenantId(), t.displayName(), t.clientId(), t.authorityHost(), t.graphBaseUrl(), t.authorityTrustPem(),
                JSON.writeValueAsString(PolicyDocument.of(t.policy())), t.version(), t.removed(), Timestamp.from(t.updatedAt()));
        jdbc.update("DELETE FROM tenant_credentials WHERE tenant_id = ?", t.tenantId());
        for (ServiceCredential c : t.credentials()) {
            jdbc.update("""
                    INSERT INTO tenant_credentials (tenant_id, credential_id, kind, sealed, thumbprint, expires_at, added_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    t.tenantId(), c.credentialId(), c.kind().name(), c.sealed(), c.thumbprint(), Timestamp.from(c.expiresAt()),
                    Timestamp.from(c.addedAt()));
        }
    }

    private Tenant tenant(ResultSet rs) throws SQLException {
        String tenantId = rs.getString("tenant_id");
        List<ServiceCredential> credentials = jdbc.query(
                "SELECT * FROM tenant_credentials WHERE tenant_id = ? ORDER BY added_at DESC",
                (c, n) -> new ServiceCredential(c.getString("credential_id"), CredentialKind.valueOf(c.getString("kind")),
                        c.getString("sealed"), c.getString("thumbprint"), c.getTimestamp("expires_at").toInstant(),
                        c.getTimestamp("added_at").toInstant()),
                tenantId);
        return new Tenant(tenantId, rs.getString("display_name"), rs.getString("client_id"), rs.getString("authority_host"),
                rs.getString("graph_base_url"), rs.getString("authority_trust_pem"), credentials,
                JSON.readValue(rs.getString("policy"), PolicyDocument.class).toPolicy(), rs.getLong("version"),
                rs.getBoolean("removed"), rs.getTimestamp("updated_at").toInstant());
    }
}
