package io.calbridge.common.events.tenant;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;

/**
 * Every event on {@link Topics#TENANTS}, a compacted topic: the latest event per tenant is the tenant's
 * current configuration. Consumers switch over it exhaustively.
 */
public sealed interface TenantEvent extends CalbridgeEvent permits TenantConfigured, TenantRemoved {

    /** Monotonic per tenant; a consumer ignores an event whose version is not above the one it holds. */
    long version();

    @Override
    default String subject() {
        return tenantId();
    }

    @Override
    default String topic() {
        return Topics.TENANTS;
    }
}
