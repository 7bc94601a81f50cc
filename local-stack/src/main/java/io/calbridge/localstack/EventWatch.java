package io.calbridge.localstack;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.KafkaMessages;
import io.calbridge.common.events.CalbridgeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Watches every Calbridge topic from the beginning, as an external app would, so the demo can wait for and show
 * the events the services publish; and publishes events as an HR system would.
 */
final class EventWatch implements AutoCloseable {

    private final List<CalbridgeEvent> seen = new CopyOnWriteArrayList<>();
    private final Map<CalbridgeEvent, String> traceparents = new java.util.concurrent.ConcurrentHashMap<>();
    private final CloudEventCodec codec = new CloudEventCodec("/local-stack");
    private final KafkaProducer<String, byte[]> producer;
    private final Thread poller;
    private volatile boolean running = true;

    EventWatch(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-demo-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.ALL.stream().filter(t -> !t.equals(Topics.NOTIFICATIONS)).toList());
        poller = Thread.ofPlatform().daemon().name("demo-event-watch").start(() -> {
            try (consumer) {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            CalbridgeEvent event = codec.decode(KafkaMessages.fromConsumerRecord(record));
                            var traceparent = record.headers().lastHeader("traceparent");
                            if (traceparent != null) {
                                traceparents.putIfAbsent(event, new String(traceparent.value(), java.nio.charset.StandardCharsets.UTF_8));
                            }
                            seen.add(event);
                            synchronized (seen) {
                                seen.notifyAll();
                            }
                        } catch (RuntimeException notAnEvent) {
                            // dead letters and foreign records are not part of the demo's story
                        }
                    }
                }
            }
        });
    }

    void publish(CalbridgeEvent event) throws Exception {
        producer.send(codec.encodeRecord(event, UUID.randomUUID(), Instant.now())).get();
    }

    /** Publishes the event inside the given W3C trace, as a publisher that traces would. */
    void publish(CalbridgeEvent event, String traceparent) throws Exception {
        var record = codec.encodeRecord(event, UUID.randomUUID(), Instant.now());
        record.headers().add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /**
     * Publishes the event on another thread, without waiting: while the broker is away the producer waits for the
     * topic's metadata for up to a minute ({@code max.block.ms}), then retries the send for up to its delivery
     * timeout (two minutes).
     */
    CompletableFuture<RecordMetadata> publishWithoutWaiting(CalbridgeEvent event) {
        var record = codec.encodeRecord(event, UUID.randomUUID(), Instant.now());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return producer.send(record).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } catch (ExecutionException e) {
                throw new CompletionException(e.getCause());
            }
        }, Thread.ofVirtual().name("demo-publish")::start);
    }

    /** Waits for the first event matching, or fails with what the demo was waiting for. */
    <T extends CalbridgeEvent> T await(Class<T> type, Predicate<T> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                for (CalbridgeEvent event : seen) {
                    if (type.isInstance(event) && match.test(type.cast(event))) {
                        return type.cast(event);
                    }
                }
                // woken by the poller whenever an event arrives
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /** How many different events matched; a redelivered copy of one event counts once. */
    <T extends CalbridgeEvent> long distinct(Class<T> type, Predicate<T> match) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(match).distinct().count();
    }

    /** The different events that matched, in the order they first arrived; a redelivered copy of one event is listed once. */
    <T extends CalbridgeEvent> List<T> matching(Class<T> type, Predicate<T> match) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(match).distinct().toList();
    }

    /** The trace id of the W3C {@code traceparent} the event arrived with (its first copy), if it had one. */
    java.util.Optional<String> traceIdOf(CalbridgeEvent event) {
        return java.util.Optional.ofNullable(traceparents.get(event)).map(value -> value.split("-")).filter(parts -> parts.length >= 3)
                .map(parts -> parts[1]);
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
    }
}
