package io.calbridge.provisioning.platform;

import io.calbridge.common.cloudevents.CloudEventCodec;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans shared by the features. */
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

    // The credential seal, the GraphGateway (calbridge.graph.* budgets) and TenantGraphs come from service-kernel.
}
