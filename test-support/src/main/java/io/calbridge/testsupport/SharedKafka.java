package io.calbridge.testsupport;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** The one Kafka broker of this JVM: in-process KRaft, or a Testcontainers broker when Docker is available. */
final class SharedKafka {

    private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);
    private static final String CONTAINER_IMAGE = "apache/kafka-native:3.8.0";
    private static final int DEFAULT_PARTITIONS = 3;

    private static volatile String bootstrap;
    private static volatile String description = "not started";

    private SharedKafka() {
    }

    /** The broker's bootstrap servers, starting it on first use. */
    static String bootstrap() {
        String current = bootstrap;
        if (current != null) {
            return current;
        }
        synchronized (SharedKafka.class) {
            if (bootstrap == null) {
                bootstrap = start();
            }
            return bootstrap;
        }
    }

    /** Which broker was chosen, for logs and reports. */
    static String description() {
        return description;
    }

    private static String start() {
        String choice = setting();
        long started = System.nanoTime();
        boolean container = switch (choice) {
            case "embedded" -> false;
            case "container" -> true;
            default -> DockerClientFactory.instance().isDockerAvailable();
        };
        String servers = container ? startContainer() : startEmbedded();
        description = container ? "Testcontainers " + CONTAINER_IMAGE : "in-process KRaft broker (EmbeddedKafkaKraftBroker)";
        log.info("Kafka for tests: {} at {} (calbridge.test.kafka={}, started in {} ms)",
                description, servers, choice, (System.nanoTime() - started) / 1_000_000);
        return servers;
    }

    private static String setting() {
        String value = System.getProperty("calbridge.test.kafka", System.getenv("CALBRIDGE_TEST_KAFKA"));
        return value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String startEmbedded() {
        var broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
        return broker.getBrokersAsString();
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk and the shutdown hook
    private static String startContainer() {
        var kafka = new KafkaContainer(CONTAINER_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(DEFAULT_PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-shutdown"));
        return kafka.getBootstrapServers();
    }
}
