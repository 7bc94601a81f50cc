package io.calbridge.common.cloudevents;

import io.calbridge.common.events.CalbridgeEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A decoded event together with its CloudEvents attributes, for consumers that need more than the payload
 * (the id for deduplication, the source for logs).
 *
 * @param id            {@code ce_id}; not blank
 * @param source        {@code ce_source}; not blank
 * @param type          the registered type {@code ce_type} named
 * @param time          {@code ce_time} as an instant
 * @param subject       {@code ce_subject}; equals {@code event.subject()}
 * @param correlationId {@code ce_correlationid}; {@code null} when absent
 * @param event         the payload as its record
 */
public record Envelope(
        String id, String source, EventType type, Instant time, String subject, String correlationId,
        CalbridgeEvent event) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(event, "event");
    }
}
