package io.calbridge.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** A minimal service for the kernel ITs: the kernel's auto-configuration plus one {@link RecordingHandler}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class KernelTestApplication {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    RecordingHandler recordingHandler(@Value("${test.topic}") String topic, JdbcTemplate jdbc) {
        return new RecordingHandler(topic, jdbc);
    }
}
