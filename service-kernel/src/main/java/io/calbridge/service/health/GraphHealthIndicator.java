package io.calbridge.service.health;

import io.calbridge.graph.CircuitState;
import io.calbridge.service.graph.TenantGraphs;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The Graph circuit and credential expiry of every tenant this instance has called. One tenant's open circuit or
 * expired credential shows in the details but does not take the service out of readiness, because the other
 * tenants are still served; only when every tenant's circuit is open is the service reported down.
 */
public class GraphHealthIndicator extends AbstractHealthIndicator {

    private final TenantGraphs graphs;
    private final Clock clock;

    public GraphHealthIndicator(TenantGraphs graphs, Clock clock) {
        super("Graph health check failed");
        this.graphs = graphs;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> tenants = new LinkedHashMap<>();
        int open = 0;
        var now = clock.instant();
        for (var graph : graphs.inUse()) {
            CircuitState circuit = graph.circuitState();
            if (circuit == CircuitState.OPEN) {
                open++;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("circuit", circuit);
            var expires = graph.credentialExpiresAt();
            if (expires != null) {
                detail.put("credentialExpiresAt", expires);
                detail.put("credentialDaysLeft", Duration.between(now, expires).toDays());
            }
            tenants.put(graph.tenantId(), detail);
        }
        builder.withDetail("tenants", tenants);
        if (!tenants.isEmpty() && open == tenants.size()) {
            builder.down().withDetail("reason", "every tenant's Graph circuit is open");
        } else {
            builder.up();
        }
    }
}
