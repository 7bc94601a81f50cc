package io.calbridge.common.cloudevents;

import static io.calbridge.common.cloudevents.InvalidEventException.Reason.INVALID_FIELD;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.INVALID_HEADER;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.MALFORMED_JSON;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.MISSING_HEADER;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.SUBJECT_MISMATCH;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.TOPIC_MISMATCH;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.UNKNOWN_TYPE;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.UNSUPPORTED_CONTENT_TYPE;
import static io.calbridge.common.cloudevents.InvalidEventException.Reason.UNSUPPORTED_SPEC_VERSION;

import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Maps every Calbridge event to and from a CloudEvents 1.0 Kafka message in binary mode: the record's JSON is
 * the payload, the attributes are {@code ce_*} headers (see {@link CloudEventHeaders}), and the Kafka key
 * equals {@code ce_subject}. {@code ce_type} comes from the {@link EventTypes} registry.
 *
 * <p>Reading ignores JSON properties it does not know, so producers may add optional fields without breaking
 * older consumers; a missing or invalid required field is rejected. Instants are ISO-8601 strings in UTC.
 *
 * <p>Instances are immutable and thread-safe; create one per producing service.
 */
public final class CloudEventCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new SimpleModule("calbridge-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
            .addMixIn(CalendarEventPushRequested.Content.class, PushContentMixIn.class)
            .build();

    private final String source;

    /**
     * A codec that writes {@code source} into every message it encodes; it reads messages from any source.
     *
     * @param source the {@code ce_source} this codec writes: a URI reference naming the producing service, such
     *               as {@code /provisioning-service}
     * @throws IllegalArgumentException when {@code source} is blank or not a URI reference
     */
    public CloudEventCodec(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        try {
            new URI(source);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("source must be a URI reference, got '" + source + "'", e);
        }
        this.source = source;
    }

    /** The {@code ce_source} this codec writes. */
    public String source() {
        return source;
    }

    /**
     * The Kafka message for an event: topic and key from the event, headers, and the JSON payload.
     *
     * @param event the event to publish
     * @param id    {@code ce_id}; the caller chooses it (an outbox row id, say) so a re-send keeps it
     * @param time  {@code ce_time}; when the event happened, usually from an injected {@code Clock}
     * @throws IllegalArgumentException when the event's class is not in {@link EventTypes}
     */
    public EventMessage encode(CalbridgeEvent event, UUID id, Instant time) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        EventType type = EventTypes.of(event);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, id.toString());
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TYPE, type.ceType());
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
        if (event.correlationId() != null) {
            headers.put(CloudEventHeaders.CORRELATION_ID, event.correlationId());
        }
        return new EventMessage(type.topic(), event.subject(), headers, toJson(event));
    }

    /** {@link #encode} followed by {@link KafkaMessages#toProducerRecord}. */
    public ProducerRecord<String, byte[]> encodeRecord(CalbridgeEvent event, UUID id, Instant time) {
        return KafkaMessages.toProducerRecord(encode(event, id, time));
    }

    /**
     * The event in a message read from Kafka. Besides the checks of {@link #decode(Map, byte[])}, the key must
     * equal {@code ce_subject} and the type must belong on the message's topic.
     *
     * @throws InvalidEventException when the message is not a valid Calbridge event
     */
    public CalbridgeEvent decode(EventMessage message) {
        return decodeEnvelope(message).event();
    }

    /** {@link KafkaMessages#fromConsumerRecord} followed by {@link #decode(EventMessage)}. */
    public CalbridgeEvent decode(ConsumerRecord<String, byte[]> record) {
        return decode(KafkaMessages.fromConsumerRecord(record));
    }

    /**
     * The event in headers and payload without topic and key, for example from an outbox row.
     *
     * @throws InvalidEventException when the headers or payload are not a valid Calbridge event
     */
    public CalbridgeEvent decode(Map<String, String> headers, byte[] payload) {
        return decodeEnvelope(headers, payload).event();
    }

    /** Like {@link #decode(EventMessage)}, and keeps the CloudEvents attributes. */
    public Envelope decodeEnvelope(EventMessage message) {
        Objects.requireNonNull(message, "message");
        Envelope envelope = decodeEnvelope(message.headers(), message.payload());
        if (!message.key().equals(envelope.subject())) {
            throw new InvalidEventException(SUBJECT_MISMATCH,
                    "Kafka key '" + message.key() + "' differs from ce_subject '" + envelope.subject() + "'");
        }
        if (!message.topic().equals(envelope.type().topic())) {
            throw new InvalidEventException(TOPIC_MISMATCH,
                    envelope.type().ceType() + " belongs on " + envelope.type().topic() + ", read from " + message.topic());
        }
        return envelope;
    }

    /** Like {@link #decode(Map, byte[])}, and keeps the CloudEvents attributes. */
    public Envelope decodeEnvelope(Map<String, String> headers, byte[] payload) {
        Objects.requireNonNull(headers, "headers");
        for (String name : CloudEventHeaders.REQUIRED) {
            String value = headers.get(name);
            if (value == null || value.isBlank()) {
                throw new InvalidEventException(MISSING_HEADER, "header " + name + " is missing");
            }
        }
        String specVersion = headers.get(CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEventException(UNSUPPORTED_SPEC_VERSION, "ce_specversion '" + specVersion + "' is not 1.0");
        }
        String contentType = headers.get(CloudEventHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw new InvalidEventException(UNSUPPORTED_CONTENT_TYPE, "content-type '" + contentType + "' is not application/json");
        }
        String ceType = headers.get(CloudEventHeaders.TYPE);
        EventType type = EventTypes.byCeType(ceType);
        if (type == null) {
            throw new InvalidEventException(UNKNOWN_TYPE, "ce_type '" + ceType + "' is not registered");
        }
        Instant time = parseTime(headers.get(CloudEventHeaders.TIME));
        CalbridgeEvent event = fromJson(type, payload);
        String subject = headers.get(CloudEventHeaders.SUBJECT);
        if (!subject.equals(event.subject())) {
            throw new InvalidEventException(SUBJECT_MISMATCH,
                    "ce_subject '" + subject + "' differs from the payload's subject '" + event.subject() + "'");
        }
        return new Envelope(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.SOURCE), type, time,
                subject, headers.get(CloudEventHeaders.CORRELATION_ID), event);
    }

    /** The JSON payload of an event, UTF-8; what {@link #encode} puts in the message. */
    public static byte[] toJson(CalbridgeEvent event) {
        Objects.requireNonNull(event, "event");
        return JSON.writeValueAsBytes(event);
    }

    /**
     * The event in a JSON payload of a known type, with the same checks as {@link #decode(Map, byte[])} applies
     * to the payload.
     *
     * @throws InvalidEventException with {@code MALFORMED_JSON} or {@code INVALID_FIELD}
     */
    public static CalbridgeEvent fromJson(EventType type, byte[] payload) {
        Objects.requireNonNull(type, "type");
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException(MALFORMED_JSON, "payload of " + type.ceType() + " is empty");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidEventException(MALFORMED_JSON,
                    "payload of " + type.ceType() + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(MALFORMED_JSON, "payload of " + type.ceType() + " is not a JSON object");
        }
        try {
            return JSON.treeToValue(tree, type.recordClass());
        } catch (StreamReadException e) {
            throw new InvalidEventException(MALFORMED_JSON,
                    "payload of " + type.ceType() + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (DatabindException e) {
            throw new InvalidEventException(INVALID_FIELD,
                    "payload of " + type.ceType() + " is invalid" + at(e) + ": " + rootMessage(e), e);
        } catch (JacksonException e) {
            throw new InvalidEventException(INVALID_FIELD,
                    "payload of " + type.ceType() + " is invalid: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an {@link Instant} only from an ISO-8601 string (with {@code Z} or an offset); Jackson's own reader
     * would also take epoch numbers, which the contract does not allow.
     */
    private static final class IsoInstantDeserializer extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, Instant.class, "not an ISO-8601 instant such as 2026-12-01T09:00:00Z");
            }
        }
    }

    /** Reads push categories only as a list of JSON strings: Jackson would otherwise turn {@code [1]} into {@code ["1"]}. */
    private abstract static class PushContentMixIn {

        @JsonDeserialize(contentUsing = StrictStringDeserializer.class)
        abstract List<String> categories();
    }

    /** A string only from a JSON string, never from a number, boolean, array or object. */
    private static final class StrictStringDeserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            return parser.getString();
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals(CloudEventHeaders.APPLICATION_JSON);
    }

    private static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(INVALID_HEADER, "ce_time '" + value + "' is not an RFC 3339 timestamp", e);
        }
    }

    private static String at(DatabindException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        return path.isEmpty() ? "" : " at " + path;
    }

    /** The constructor's own message when a record rejected a value, else Jackson's. */
    private static String rootMessage(DatabindException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return cause.getMessage();
        }
        return e.getOriginalMessage();
    }
}
