package io.calbridge.messaging;

import io.calbridge.common.cloudevents.EventMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Test events in CloudEvents binary mode, with defaults. */
final class Events {

    private Events() {
    }

    /** An event for tenant t1 with sequence number {@code seq} in its payload. */
    static EventMessage anEvent(String topic, String key, int seq) {
        return withPayload(topic, key, "{\"tenant\":\"t1\",\"seq\":" + seq + "}");
    }

    static EventMessage withPayload(String topic, String key, String json) {
        return new EventMessage(topic, key, Map.of(
                "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/kernel-it",
                "ce_type", "io.calbridge.test.ThingHappened.v1",
                "ce_specversion", "1.0",
                "ce_subject", key,
                "ce_time", "2026-11-25T12:00:00Z",
                "content-type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code seq} field of a payload made by {@link #anEvent}. */
    static int seqOf(EventMessage message) {
        String json = new String(message.payload(), StandardCharsets.UTF_8);
        return Integer.parseInt(json.replaceAll(".*\"seq\":(\\d+).*", "$1"));
    }
}
