package io.calbridge.service.graph;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.graph.GraphGateway;
import io.calbridge.graph.GraphSettings;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.service.tenants.TenantRegistryAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The deployment's {@link CredentialSeal} (from {@code calbridge.encryption-key}), one {@link GraphGateway} per
 * service, and {@link TenantGraphs}. A missing or malformed key stops the service at start with a message saying
 * how to set one, rather than at the first Graph call.
 */
@AutoConfiguration(after = TenantRegistryAutoConfiguration.class)
@ConditionalOnBean(TenantRegistry.class)
public class GraphAccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CredentialSeal credentialSeal(Environment environment) {
        String key = environment.getProperty("calbridge.encryption-key", "");
        if (key.isBlank()) {
            throw new IllegalStateException("calbridge.encryption-key is not set: set CALBRIDGE_ENCRYPTION_KEY to a base64"
                    + " AES-256 key shared by all Calbridge services (generate one with: openssl rand -base64 32)");
        }
        try {
            return CredentialSeal.fromBase64Key(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("calbridge.encryption-key is invalid: " + e.getMessage()
                    + " (expected base64 of 32 random bytes, e.g. from: openssl rand -base64 32)", e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    GraphGateway graphGateway(ObjectProvider<MeterRegistry> meters) {
        return new GraphGateway(GraphSettings.defaults(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    io.calbridge.service.health.GraphHealthIndicator graphHealthIndicator(TenantGraphs graphs) {
        return new io.calbridge.service.health.GraphHealthIndicator(graphs, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("spring.kafka.bootstrap-servers")
    io.calbridge.service.health.KafkaHealthIndicator kafkaHealthIndicator(Environment environment) {
        return new io.calbridge.service.health.KafkaHealthIndicator(environment.getProperty("spring.kafka.bootstrap-servers"));
    }

    @Bean
    @ConditionalOnMissingBean
    TenantGraphs tenantGraphs(TenantRegistry registry, GraphGateway gateway, CredentialSeal seal) {
        return new TenantGraphs(registry, gateway, seal, Clock.systemUTC());
    }
}
