package io.calbridge.common.events.tenant;

import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * A tenant was removed from Calbridge: services stop calling Graph for it, drop its credentials and treat
 * further events for it as coming from an unknown tenant.
 *
 * @param tenantId      Microsoft Entra tenant id; also the Kafka key
 * @param version       monotonic per tenant, above the last {@link TenantConfigured}
 * @param occurredAt    when it was removed (UTC)
 * @param correlationId request that removed it; {@code null} when none
 */
public record TenantRemoved(String tenantId, long version, Instant occurredAt, String correlationId) implements TenantEvent {

    public TenantRemoved {
        Require.id(tenantId, "tenantId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
