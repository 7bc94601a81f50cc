package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.ExpiryWarning;
import io.calbridge.provisioning.tenant.domain.ServiceCredential;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code calbridge.credential.days-left{tenant,credential,kind}} per credential and
 * {@code calbridge.credential.expiry-warnings{level}}: how many credentials are within 30, 7 or 1 days of expiry
 * (or expired), so alerts can fire before a tenant stops working.
 */
@Component
public class CredentialExpiryGauges {

    private final Tenants tenants;
    private final Clock clock;
    private final MultiGauge daysLeft;
    private final MultiGauge warnings;

    public CredentialExpiryGauges(Tenants tenants, Clock clock, MeterRegistry registry) {
        this.tenants = tenants;
        this.clock = clock;
        this.daysLeft = MultiGauge.builder("calbridge.credential.days-left")
                .description("Days until a tenant's service-account credential expires").baseUnit("days").register(registry);
        this.warnings = MultiGauge.builder("calbridge.credential.expiry-warnings")
                .description("Credentials per expiry-warning level (30, 7, 1 days ahead, expired)").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${calbridge.provisioning.credential-gauges-interval:60s}", initialDelayString = "60s")
    public void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        Map<ExpiryWarning, Integer> counts = new EnumMap<>(ExpiryWarning.class);
        for (ExpiryWarning w : ExpiryWarning.values()) {
            counts.put(w, 0);
        }
        for (Tenant tenant : tenants.active()) {
            for (ServiceCredential c : tenant.credentials()) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId(), "credential", c.credentialId(), "kind", c.kind().name()),
                        c.daysLeft(now)));
                counts.merge(c.warning(now), 1, Integer::sum);
            }
        }
        daysLeft.register(rows, true);
        warnings.register(counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("level", e.getKey().name()), e.getValue())).toList(), true);
    }
}
