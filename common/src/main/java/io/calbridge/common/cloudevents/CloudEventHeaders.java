package io.calbridge.common.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names and fixed values of the CloudEvents 1.0 Kafka protocol binding in binary mode, and conversion
 * between Kafka {@link Headers} and the string map in {@link EventMessage}. The names are spelled out here
 * rather than left to a framework to prefix (see spring-cloud-function#1461).
 */
public final class CloudEventHeaders {

    /** Unique id of the event (a UUID); consumers deduplicate on it. */
    public static final String ID = "ce_id";
    /** URI reference of the producing service, such as {@code /provisioning-service}. */
    public static final String SOURCE = "ce_source";
    /** Versioned event type from {@link EventTypes}. */
    public static final String TYPE = "ce_type";
    /** CloudEvents version; always {@link #SPEC_VERSION_1_0}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** When the event happened, RFC 3339 in UTC. */
    public static final String TIME = "ce_time";
    /** Equals the Kafka key: {@code tenantId/<id>}. */
    public static final String SUBJECT = "ce_subject";
    /** Calbridge extension: the cause of the event; absent when it has none. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Media type of the payload; binary mode maps {@code datacontenttype} to this header. */
    public static final String CONTENT_TYPE = "content-type";

    /** The only {@code ce_specversion} Calbridge writes and reads. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    /** The only {@code content-type} Calbridge writes and reads (parameters such as charset are tolerated). */
    public static final String APPLICATION_JSON = "application/json";

    /** Headers every Calbridge message carries; a message without one of them is rejected. */
    public static final List<String> REQUIRED = List.of(ID, SOURCE, TYPE, SPEC_VERSION, TIME, SUBJECT, CONTENT_TYPE);

    private CloudEventHeaders() {
    }

    /** Kafka headers with each value UTF-8 encoded, in the map's iteration order. */
    public static Headers toKafka(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        RecordHeaders kafka = new RecordHeaders();
        headers.forEach((name, value) -> kafka.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return kafka;
    }

    /**
     * Kafka headers as a string map, each value decoded as UTF-8. When a name repeats, the last value wins, as
     * {@link Headers#lastHeader} does; headers with a null value are left out.
     */
    public static Map<String, String> fromKafka(Headers headers) {
        Objects.requireNonNull(headers, "headers");
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            if (header.value() != null) {
                map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return map;
    }
}
