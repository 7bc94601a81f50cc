package io.calbridge.sync.graph;

import io.calbridge.graph.GraphGateway;
import io.calbridge.graph.GraphSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process's one {@link GraphGateway}, with the per-mailbox pacing of {@link GraphPacingSettings}; it replaces
 * service-kernel's default gateway (which always uses {@link GraphSettings#defaults()}), everything else of the
 * access layer staying as the kernel sets it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphPacingSettings.class)
public class GraphAccessConfiguration {

    @Bean(destroyMethod = "close")
    GraphGateway graphGateway(GraphPacingSettings pacing, MeterRegistry meters) {
        GraphSettings defaults = GraphSettings.defaults();
        return new GraphGateway(defaults.withPacing(defaults.pacing()
                .withMailbox(pacing.mailboxConcurrency(), pacing.mailboxRequests(), pacing.mailboxWindow())
                .withWindowMargin(pacing.windowMargin())), meters);
    }
}
