package io.calbridge.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Builds the kernel's Kafka clients from the application's {@code spring.kafka.*} client properties, with the
 * settings the kernel's guarantees depend on forced: bytes in and out, idempotent producers with
 * {@code acks=all}, manual offset commits.
 */
public final class KafkaClients {

    private final Map<String, Object> producerBase;
    private final Map<String, Object> consumerBase;
    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * @param producerProperties base producer properties, e.g. {@code KafkaProperties.buildProducerProperties()}
     * @param consumerProperties base consumer properties, e.g. {@code KafkaProperties.buildConsumerProperties()}
     */
    public KafkaClients(Map<String, Object> producerProperties, Map<String, Object> consumerProperties) {
        this.producerBase = Map.copyOf(producerProperties);
        this.consumerBase = Map.copyOf(consumerProperties);
    }

    /** Clients for a broker, with Kafka's defaults for everything else. */
    public static KafkaClients forBootstrap(String bootstrapServers) {
        return new KafkaClients(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * A new idempotent producer ({@code acks=all}, {@code enable.idempotence=true}, at most 5 requests in flight,
     * which idempotence keeps in order).
     *
     * @param role            part of the client id, e.g. {@code outbox-relay}
     * @param deliveryTimeout upper bound on the time from {@code send} to an acknowledgement or failure
     */
    public Producer<byte[], byte[]> producer(String role, Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>(producerBase);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "calbridge-" + role + "-" + sequence.incrementAndGet());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        int delivery = (int) deliveryTimeout.toMillis();
        int linger = Integer.parseInt(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, delivery - linger)));
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer factory for one consumer group: bytes in, auto-commit off (the listener container commits after
     * each batch is handled), {@code auto.offset.reset=earliest} unless the application configured it.
     */
    public ConsumerFactory<byte[], byte[]> consumerFactory(String group) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
