package io.calbridge.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Sends a record that cannot be processed to {@code <topic>.<group>.dlq}: original key, payload and headers, plus
 * the {@link DeadLetterHeaders}. Waits for the broker's acknowledgement; if the dead letter cannot be written the
 * exception makes the container redeliver the record instead of skipping it.
 */
final class DeadLetterPublisher implements ConsumerRecordRecoverer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int MAX_MESSAGE = 1_000;

    private final String group;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;
    private final Clock clock;
    private final MeterRegistry meters;

    DeadLetterPublisher(String group, Producer<byte[], byte[]> producer, Duration timeout, Clock clock, MeterRegistry meters) {
        this.group = group;
        this.producer = producer;
        this.timeout = timeout;
        this.clock = clock;
        this.meters = meters;
    }

    /** The kernel's own reasons, whose dead-letter counters exist at zero from the start. */
    static final List<String> KERNEL_REASONS = List.of(DeadLetterHeaders.MISSING_HEADER, DeadLetterHeaders.MISSING_KEY,
            DeadLetterHeaders.MALFORMED_JSON, DeadLetterHeaders.UNKNOWN_TYPE, DeadLetterHeaders.UNKNOWN_TENANT,
            DeadLetterHeaders.RETRIES_EXHAUSTED, DeadLetterHeaders.HANDLER_ERROR);

    /** Registers {@code calbridge.consumer.dead-letters} for {@code topic} at zero for each of {@link #KERNEL_REASONS}. */
    void registerCounters(String topic) {
        KERNEL_REASONS.forEach(reason -> counter(meters, topic, group, reason));
    }

    private static Counter counter(MeterRegistry meters, String topic, String group, String reason) {
        return Counter.builder("calbridge.consumer.dead-letters").description("Messages sent to a dead-letter topic")
                .tag("topic", topic).tag("group", group).tag("reason", reason).register(meters);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = Failures.unwrap(exception);
        String reason = Failures.reasonOf(exception);
        String message = truncate(String.valueOf(cause.getMessage()));
        String topic = DeadLetterHeaders.topicFor(record.topic(), group);

        var letter = new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) record.key(), (byte[]) record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        add(letter, DeadLetterHeaders.REASON, reason);
        add(letter, DeadLetterHeaders.MESSAGE, message);
        add(letter, DeadLetterHeaders.EXCEPTION, cause.getClass().getName());
        add(letter, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        add(letter, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(record.partition()));
        add(letter, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(record.offset()));
        add(letter, DeadLetterHeaders.CONSUMER_GROUP, group);
        add(letter, DeadLetterHeaders.FAILED_AT, clock.instant().toString());

        Map<String, String> headers = InboundRecordListener.headers(record);
        try (var trace = TraceContext.continueOrStart(headers.get(TraceContext.HEADER));
                var mdc = InboundRecordListener.Mdc.of(record, headers)) {
            producer.send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            counter(meters, record.topic(), group, reason).increment();
            if (DeadLetterHeaders.HANDLER_ERROR.equals(reason)) {
                log.warn("Dead-lettered {}-{}@{} to {}: {} {}", record.topic(), record.partition(), record.offset(),
                        topic, reason, message, cause);
            } else {
                log.warn("Dead-lettered {}-{}@{} to {}: {} {}", record.topic(), record.partition(), record.offset(),
                        topic, reason, message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while writing a dead letter to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Cannot write dead letter to " + topic + "; the record will be redelivered", e);
        }
    }

    private static void add(ProducerRecord<byte[], byte[]> letter, String name, String value) {
        letter.headers().remove(name);
        letter.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
