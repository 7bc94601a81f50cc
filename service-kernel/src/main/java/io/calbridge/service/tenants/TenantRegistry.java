package io.calbridge.service.tenants;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventTypes;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.events.tenant.TenantEvent;
import io.calbridge.common.events.tenant.TenantRemoved;
import io.calbridge.messaging.UnknownTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tenants this service may act for, as provisioning last configured them. Backed by the service's own
 * {@code known_tenants} table, so every instance sees every tenant whichever partitions it consumes, with a
 * short in-memory cache in front because it is read on every event and every Graph call.
 */
public class TenantRegistry {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration cacheFor;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<TenantConfigured> tenant, Instant until) {}

    public TenantRegistry(JdbcTemplate jdbc, Clock clock, Duration cacheFor) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
    }

    /**
     * Records a tenant event unless a newer version is already held, so a redelivered or reordered old event
     * cannot roll a tenant back.
     *
     * @return whether the event changed the registry
     */
    public boolean apply(TenantEvent event) {
        boolean removed = event instanceof TenantRemoved;
        byte[] configuration = event instanceof TenantConfigured configured ? CloudEventCodec.toJson(configured) : null;
        int changed = jdbc.update("""
                INSERT INTO known_tenants (tenant_id, version, removed, configuration, updated_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE
                   SET version = EXCLUDED.version, removed = EXCLUDED.removed,
                       configuration = EXCLUDED.configuration, updated_at = now()
                 WHERE known_tenants.version < EXCLUDED.version""",
                event.tenantId(), event.version(), removed, configuration);
        cache.remove(event.tenantId());
        return changed > 0;
    }

    /** The tenant's current configuration, or empty when it was never configured or was removed. */
    public Optional<TenantConfigured> find(String tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.tenant();
        }
        Optional<TenantConfigured> tenant = jdbc.query(
                "SELECT configuration FROM known_tenants WHERE tenant_id = ? AND NOT removed",
                rs -> rs.next() ? Optional.of(decode(rs.getBytes(1))) : Optional.<TenantConfigured>empty(), tenantId);
        cache.put(tenantId, new Cached(tenant, now.plus(cacheFor)));
        return tenant;
    }

    /**
     * The tenant's configuration, for code that must not act for an unknown tenant.
     *
     * @throws UnknownTenant when the tenant was never configured or was removed; the messaging kernel
     *                       dead-letters the event being handled with that reason
     */
    public TenantConfigured require(String tenantId) {
        return find(tenantId).orElseThrow(() -> new UnknownTenant(tenantId));
    }

    private static TenantConfigured decode(byte[] json) {
        return (TenantConfigured) CloudEventCodec.fromJson(EventTypes.of(TenantConfigured.class), json);
    }
}
