package io.calbridge.provisioning.watch.adapter.out.persistence;

import io.calbridge.provisioning.watch.application.WatchState;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link WatchState} in {@code directory_watch}. */
@Repository
public class JdbcWatchState implements WatchState {

    private final JdbcTemplate jdbc;

    public JdbcWatchState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> deltaLink(String tenantId) {
        return jdbc.queryForList("SELECT delta_link FROM directory_watch WHERE tenant_id = ?", String.class, tenantId).stream().findFirst();
    }

    @Override
    public void saveDeltaLink(String tenantId, String deltaLink) {
        jdbc.update("""
                INSERT INTO directory_watch (tenant_id, delta_link, updated_at) VALUES (?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET delta_link = EXCLUDED.delta_link, updated_at = EXCLUDED.updated_at""",
                tenantId, deltaLink);
    }
}
