package io.calbridge.bench.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The service the scenario drives: the messaging kernel's auto-configuration plus two timing consumers. */
@SpringBootConfiguration
@EnableAutoConfiguration
class BenchApplication {

    static final String DRAIN_TOPIC = "bench.outbox-drain";
    static final String LATENCY_TOPIC = "bench.outbox-latency";

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    TimingHandler drainConsumer() {
        return new TimingHandler(DRAIN_TOPIC);
    }

    @Bean
    TimingHandler latencyConsumer() {
        return new TimingHandler(LATENCY_TOPIC);
    }
}
