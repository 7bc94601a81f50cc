package io.calbridge.service.tenants;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.tenant.TenantEvent;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the {@link TenantRegistry} in step with {@link Topics#TENANTS}. */
public class TenantConfigurationHandler implements InboundEventHandler {

    private static final Logger log = LoggerFactory.getLogger(TenantConfigurationHandler.class);

    private final TenantRegistry registry;
    private final CloudEventCodec codec;

    public TenantConfigurationHandler(TenantRegistry registry, CloudEventCodec codec) {
        this.registry = registry;
        this.codec = codec;
    }

    @Override
    public String topic() {
        return Topics.TENANTS;
    }

    @Override
    public void handle(EventMessage message) {
        if (!(codec.decode(message) instanceof TenantEvent event)) {
            throw new PermanentFailure("UNEXPECTED_TYPE", "Not a tenant event: " + message.header("ce_type"));
        }
        if (registry.apply(event)) {
            log.info("Tenant {} is now at version {} ({})", event.tenantId(), event.version(), event.getClass().getSimpleName());
        } else {
            log.debug("Ignored tenant {} version {}: a newer one is held", event.tenantId(), event.version());
        }
    }
}
