package io.calbridge.provisioning.platform;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.graph.GraphGateway;
import io.calbridge.graph.GraphSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Beans shared by the features. The credential seal is built at start-up so that a missing or malformed
 * {@code calbridge.encryption-key} stops the service with a clear message instead of failing on the first tenant.
 */
@Configuration
@EnableScheduling
public class PlatformConfiguration {

    /** CloudEvents {@code source} of everything provisioning publishes. */
    public static final String EVENT_SOURCE = "/provisioning-service";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec(EVENT_SOURCE);
    }

    @Bean
    CredentialSeal credentialSeal(@Value("${calbridge.encryption-key:}") String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("calbridge.encryption-key (environment CALBRIDGE_ENCRYPTION_KEY) is not set: "
                    + "provisioning seals service-account credentials with it. Generate one with `openssl rand -base64 32` "
                    + "and give every Calbridge service the same value.");
        }
        try {
            return CredentialSeal.fromBase64Key(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("calbridge.encryption-key (environment CALBRIDGE_ENCRYPTION_KEY) is invalid: "
                    + e.getMessage() + ". It must be base64 of exactly 32 random bytes (`openssl rand -base64 32`).", e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    GraphGateway graphGateway(MeterRegistry registry,
                              @Value("${calbridge.graph.directory-writes:3000}") int directoryWrites,
                              @Value("${calbridge.graph.directory-write-window:150s}") Duration directoryWriteWindow,
                              @Value("${calbridge.graph.max-attempts:5}") int maxAttempts,
                              @Value("${calbridge.graph.initial-backoff:1s}") Duration initialBackoff,
                              @Value("${calbridge.graph.window-margin:2s}") Duration windowMargin) {
        GraphSettings defaults = GraphSettings.defaults();
        GraphSettings settings = defaults
                .withPacing(defaults.pacing().withDirectoryWrites(directoryWrites, directoryWriteWindow).withWindowMargin(windowMargin))
                .withRetry(new GraphSettings.Retry(maxAttempts, initialBackoff, defaults.retry().maxBackoff(),
                        defaults.retry().maxRetryAfter()));
        return new GraphGateway(settings, registry);
    }

    // TenantGraphs comes from service-kernel, built on this seal and gateway.
}
