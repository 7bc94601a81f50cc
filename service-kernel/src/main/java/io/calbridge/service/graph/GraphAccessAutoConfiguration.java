package io.calbridge.service.graph;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.graph.GraphGateway;
import io.calbridge.graph.GraphSettings;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.service.tenants.TenantRegistryAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
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
    GraphGateway graphGateway(Environment environment, ObjectProvider<MeterRegistry> meters) {
        return new GraphGateway(graphSettings(environment), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * {@link GraphSettings#defaults()} (Microsoft's published limits) with the budgets a deployment may change, the
     * same {@code calbridge.graph.*} properties in every service: a tenant with other limits, or a test or benchmark
     * against an emulator whose limits are lowered or time-compressed, gives the service the same numbers so that our
     * own concurrency never causes a 429.
     */
    static GraphSettings graphSettings(Environment environment) {
        Binder binder = Binder.get(environment);
        GraphSettings defaults = GraphSettings.defaults();
        GraphSettings.Pacing pacing = defaults.pacing();
        GraphSettings.Retry retry = defaults.retry();
        return defaults
                .withPacing(pacing
                        .withMailbox(
                                graph(binder, "mailbox-concurrency", Integer.class, pacing.mailboxConcurrency()),
                                graph(binder, "mailbox-requests", Integer.class, pacing.mailboxRequests()),
                                graph(binder, "mailbox-window", Duration.class, pacing.mailboxWindow()))
                        .withDirectoryWrites(
                                graph(binder, "directory-writes", Integer.class, pacing.directoryWrites()),
                                graph(binder, "directory-write-window", Duration.class, pacing.directoryWriteWindow()))
                        .withWindowMargin(graph(binder, "window-margin", Duration.class, pacing.windowMargin())))
                .withRetry(new GraphSettings.Retry(
                        graph(binder, "max-attempts", Integer.class, retry.maxAttempts()),
                        graph(binder, "initial-backoff", Duration.class, retry.initialBackoff()),
                        retry.maxBackoff(), retry.maxRetryAfter()));
    }

    /** {@code calbridge.graph.<name>}, read as Spring Boot reads properties ({@code 150ms}, {@code PT5S}, {@code 8s}). */
    private static <T> T graph(Binder binder, String name, Class<T> type, T otherwise) {
        return binder.bind("calbridge.graph." + name, type).orElse(otherwise);
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
