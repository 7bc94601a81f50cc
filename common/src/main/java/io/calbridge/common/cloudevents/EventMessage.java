package io.calbridge.common.cloudevents;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One event as it travels on Kafka in CloudEvents 1.0 binary mode: the topic, the record key, the
 * headers ({@code ce_id}, {@code ce_type}, … and {@code content-type}) and the JSON payload.
 *
 * <p>This is the hand-off between the codec, which knows event types, and the messaging kernel
 * (outbox, consumers, dead letters), which only moves bytes and headers.
 *
 * @param topic   Kafka topic, one of {@link io.calbridge.common.Topics}
 * @param key     Kafka record key; equals the {@code ce_subject} header
 * @param headers header name to UTF-8 value; never null, unmodifiable
 * @param payload the event's JSON, UTF-8
 */
public record EventMessage(String topic, String key, Map<String, String> headers, byte[] payload) {

    public EventMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        headers = Map.copyOf(headers);
        payload = payload.clone();
    }

    /** The value of a header, or {@code null} when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventMessage other
                && topic.equals(other.topic)
                && key.equals(other.key)
                && headers.equals(other.headers)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, headers, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "EventMessage[topic=" + topic + ", key=" + key + ", headers=" + headers + ", payload=" + payload.length + " bytes]";
    }
}
