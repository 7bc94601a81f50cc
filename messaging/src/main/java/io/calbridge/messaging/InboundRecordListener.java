package io.calbridge.messaging;

import io.calbridge.common.cloudevents.EventMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one record to an {@link InboundEventHandler}: checks the envelope, deduplicates on {@code ce_id} in the
 * handler's transaction, and classifies failures for the error handler. The handling continues the record's
 * {@code traceparent} trace (or begins one), so the events it appends to the outbox carry the same trace id.
 */
final class InboundRecordListener implements MessageListener<byte[], byte[]> {

    static final String CE_ID = "ce_id";
    static final String CE_TYPE = "ce_type";

    private static final Logger log = LoggerFactory.getLogger(InboundRecordListener.class);

    private final InboundEventHandler handler;
    private final String group;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transactions;
    private final Counter processed;
    private final Counter duplicates;

    InboundRecordListener(InboundEventHandler handler, String group, ProcessedEvents processedEvents,
                          TransactionTemplate transactions, MeterRegistry meters) {
        this.handler = handler;
        this.group = group;
        this.processedEvents = processedEvents;
        this.transactions = transactions;
        this.processed = Counter.builder("calbridge.consumer.processed")
                .description("Messages handled and committed")
                .tag("topic", handler.topic()).tag("group", group).register(meters);
        this.duplicates = Counter.builder("calbridge.consumer.duplicates")
                .description("Redelivered messages skipped because their ce_id was already processed")
                .tag("topic", handler.topic()).tag("group", group).register(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = headers(record);
        try (var trace = TraceContext.continueOrStart(headers.get(TraceContext.HEADER)); var mdc = Mdc.of(record, headers)) {
            EventMessage message = envelope(record, headers);
            String ceId = message.header(CE_ID);
            Boolean handled = transactions.execute(status -> {
                if (!processedEvents.markProcessed(group, ceId)) {
                    return false;
                }
                handler.handle(message);
                return true;
            });
            if (Boolean.TRUE.equals(handled)) {
                processed.increment();
            } else {
                duplicates.increment();
                log.debug("Skipped redelivered event {} ({}) at {}-{}@{}: already processed by {}",
                        ceId, message.header(CE_TYPE), record.topic(), record.partition(), record.offset(), group);
            }
        } catch (RuntimeException e) {
            if (Failures.isTransient(e) && !(e instanceof Failures.KernelRetry)) {
                throw new Failures.KernelRetry(e);
            }
            throw e;
        }
    }

    /** The record as an {@link EventMessage}, or a {@link PermanentFailure} when the kernel cannot process it. */
    private static EventMessage envelope(ConsumerRecord<byte[], byte[]> record, Map<String, String> headers) {
        for (String required : new String[] {CE_ID, CE_TYPE}) {
            String value = headers.get(required);
            if (value == null || value.isBlank()) {
                throw new PermanentFailure(DeadLetterHeaders.MISSING_HEADER, "Header " + required + " is missing or blank");
            }
        }
        if (record.key() == null) {
            throw new PermanentFailure(DeadLetterHeaders.MISSING_KEY, "Record has no key");
        }
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        return new EventMessage(record.topic(), new String(record.key(), StandardCharsets.UTF_8), headers, payload);
    }

    /** Header values as UTF-8 strings; for a repeated header the last value wins, as in Kafka's {@code lastHeader}. */
    static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Puts the record's coordinates and CloudEvents identity into the MDC, and takes them out again. */
    static final class Mdc implements AutoCloseable {

        private static final String[] KEYS = {CE_ID, CE_TYPE, "topic", "partition", "offset"};

        static Mdc of(ConsumerRecord<?, ?> record, Map<String, String> headers) {
            put(CE_ID, headers.get(CE_ID));
            put(CE_TYPE, headers.get(CE_TYPE));
            put("topic", record.topic());
            put("partition", String.valueOf(record.partition()));
            put("offset", String.valueOf(record.offset()));
            return new Mdc();
        }

        private static void put(String key, String value) {
            if (value != null) {
                MDC.put(key, value);
            }
        }

        @Override
        public void close() {
            for (String key : KEYS) {
                MDC.remove(key);
            }
        }
    }
}
