package io.calbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@RealInfrastructure
class RealInfrastructureIT {

    @Test
    void brokerAcceptsAndDeliversRecords() throws Exception {
        String topic = "test-support.smoke";
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()),
                        new StringSerializer(), new StringSerializer());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG, "test-support-smoke",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {

            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
            consumer.subscribe(List.of(topic));

            List<String> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                        return received.contains("hello");
                    });
        }
    }

    @Test
    void databaseIsRealPostgresql17AndPrivateToTheClass() {
        var jdbc = new JdbcTemplate(TestInfrastructure.dataSource());

        String version = jdbc.queryForObject("SHOW server_version", String.class);
        String database = jdbc.queryForObject("SELECT current_database()", String.class);

        assertThat(version).startsWith("17.");
        assertThat(database).startsWith("t_realinfrastructureit_");
        assertThat(TestInfrastructure.databaseFor(OtherClass.class).jdbcUrl())
                .isNotEqualTo(TestInfrastructure.database().jdbcUrl());
    }

    @Nested
    class WhenNested {

        @Test
        void sharesTheOuterClassDatabase() {
            assertThat(TestInfrastructure.database())
                    .isEqualTo(TestInfrastructure.databaseFor(RealInfrastructureIT.class));
        }
    }

    @RealInfrastructure
    static class OtherClass {
    }
}
