package io.calbridge.common.cloudevents;

import io.calbridge.common.events.CalbridgeEvent;
import java.util.Objects;

/**
 * One row of the {@code ce_type} registry: the stable wire name of an event type, the record that carries it
 * and the topic it travels on.
 *
 * @param ceType      the {@code ce_type} header value, {@code io.calbridge.<area>.<Name>.v<major>}
 * @param recordClass the record the payload maps to
 * @param topic       the topic events of this type are published on, one of {@link io.calbridge.common.Topics}
 */
public record EventType(String ceType, Class<? extends CalbridgeEvent> recordClass, String topic) {

    public EventType {
        Objects.requireNonNull(ceType, "ceType");
        Objects.requireNonNull(recordClass, "recordClass");
        Objects.requireNonNull(topic, "topic");
        if (!ceType.matches("io\\.calbridge\\.[a-z][a-z-]*\\.[A-Z][A-Za-z]*\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("ceType must look like io.calbridge.<area>.<Name>.v<major>, got " + ceType);
        }
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException("recordClass must be a record, got " + recordClass.getName());
        }
    }
}
