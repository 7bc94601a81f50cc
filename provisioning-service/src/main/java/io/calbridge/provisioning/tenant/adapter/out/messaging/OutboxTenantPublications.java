package io.calbridge.provisioning.tenant.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.events.tenant.TenantEvent;
import io.calbridge.common.events.tenant.TenantRemoved;
import io.calbridge.messaging.Outbox;
import io.calbridge.provisioning.tenant.application.TenantPublications;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.service.tenants.TenantRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Appends {@code TenantConfigured}/{@code TenantRemoved} to the outbox and records the same event in this service's
 * own {@link TenantRegistry} (provisioning does not consume its own topic), in the caller's transaction.
 */
@Component
public class OutboxTenantPublications implements TenantPublications {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final TenantRegistry registry;
    private final Clock clock;

    public OutboxTenantPublications(Outbox outbox, CloudEventCodec codec, TenantRegistry registry, Clock clock) {
        this.outbox = outbox;
        this.codec = codec;
        this.registry = registry;
        this.clock = clock;
    }

    /** The event other services receive for this tenant state. */
    public static TenantConfigured configuredEvent(Tenant t, java.time.Instant at, String correlationId) {
        return new TenantConfigured(t.tenantId(), t.displayName(), t.clientId(), t.authorityHost(), t.graphBaseUrl(),
                t.authorityTrustPem(),
                t.credentials().stream().map(c -> new SealedCredential(c.credentialId(),
                        SealedCredential.Kind.valueOf(c.kind().name()), c.sealed(), c.thumbprint(), c.expiresAt())).toList(),
                t.version(), at, correlationId);
    }

    @Override
    public void configured(Tenant tenant, String correlationId) {
        publish(configuredEvent(tenant, clock.instant(), correlationId));
    }

    @Override
    public void removed(Tenant tenant, String correlationId) {
        publish(new TenantRemoved(tenant.tenantId(), tenant.version(), clock.instant(), correlationId));
    }

    private void publish(TenantEvent event) {
        outbox.append(codec.encode(event, UUID.randomUUID(), clock.instant()));
        registry.apply(event);
    }
}
