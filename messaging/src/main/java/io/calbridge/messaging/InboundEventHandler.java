package io.calbridge.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.CalbridgeEvent;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A service's consumer of one topic. Declare it as a bean; the kernel reads the topic with consumer group
 * {@code calbridge.messaging.consumer.group} (default {@code spring.application.name}) and, for each record:
 *
 * <ol>
 *   <li>requires a key and the {@code ce_id} and {@code ce_type} headers, else dead-letters the record;</li>
 *   <li>opens a database transaction, records {@code (group, ce_id)} in {@code processed_events}, and calls
 *       {@link #handle(EventMessage)} in that same transaction, so the handler's state change and the
 *       "processed" mark commit or roll back together. A {@code ce_id} already recorded is skipped (DEBUG log,
 *       counter {@code calbridge.consumer.duplicates});</li>
 *   <li>on a {@link PermanentFailure} (or any unclassified exception) sends the record to
 *       {@code <topic>.<group>.dlq} and carries on; on a {@link TransientFailure} retries with back-off.</li>
 * </ol>
 *
 * <p>While {@code handle} runs, the MDC holds {@code ce_id}, {@code ce_type}, {@code topic}, {@code partition} and
 * {@code offset}. One handler per topic; ordering holds per partition, i.e. per key.
 */
public interface InboundEventHandler {

    /** The topic to consume. */
    String topic();

    /**
     * Applies one message. Runs inside the kernel's transaction; use the application's {@code DataSource}
     * (JdbcTemplate, JPA, …) and do not commit yourself.
     *
     * @throws PermanentFailure when the message can never be processed (malformed, unknown type or tenant)
     * @throws TransientFailure when a retry may succeed
     */
    void handle(EventMessage message);

    /**
     * A handler that first turns the raw message into {@code T} with a caller-supplied decoder, e.g. the
     * CloudEvents codec in {@code common}. The decoder signals undecodable input by throwing (a
     * {@link PermanentFailure}, or the codec's own exception, which the kernel dead-letters with its reason).
     */
    /**
     * A handler of Calbridge events: decodes with the CloudEvents codec from {@code common}, whose rejections
     * ({@code InvalidEventException}: missing header, malformed JSON, unknown {@code ce_type}, …) are dead-lettered
     * with the codec's reason name.
     */
    static InboundEventHandler events(String topic, CloudEventCodec codec, Consumer<CalbridgeEvent> handler) {
        return decoding(topic, codec::decode, handler);
    }

    static <T> InboundEventHandler decoding(String topic, Function<EventMessage, T> decoder, Consumer<T> handler) {
        return new InboundEventHandler() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public void handle(EventMessage message) {
                handler.accept(decoder.apply(message));
            }

            @Override
            public String toString() {
                return "InboundEventHandler[" + topic + " via " + handler + "]";
            }
        };
    }
}
