package io.calbridge.common.cloudevents;

import static io.calbridge.common.events.EventFixtures.calendarEventChanged;
import static io.calbridge.common.events.EventFixtures.calendarEventPushRequested;
import static io.calbridge.common.events.EventFixtures.roomBooked;
import static io.calbridge.common.events.EventFixtures.userOnboarded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.InvalidEventException.Reason;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.EventFixtures;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CloudEventCodecTest {

    private static final UUID ID = UUID.fromString("7d1e4b2a-9c35-4f68-a0b7-3e2d5c8f1a96");
    private static final Instant TIME = Instant.parse("2026-11-25T08:30:16.5Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloudEventCodec codec = new CloudEventCodec("/provisioning-service");

    // --- encoding ---

    @Test
    void encodesEveryCloudEventsHeaderInBinaryMode() {
        UserOnboarded event = userOnboarded();

        EventMessage message = codec.encode(event, ID, TIME);

        assertThat(message.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ce_id", "7d1e4b2a-9c35-4f68-a0b7-3e2d5c8f1a96",
                "ce_source", "/provisioning-service",
                "ce_type", "io.calbridge.directory.UserOnboarded.v1",
                "ce_specversion", "1.0",
                "ce_time", "2026-11-25T08:30:16.500Z",
                "ce_subject", EventFixtures.TENANT + "/" + EventFixtures.ADA,
                "content-type", "application/json",
                "ce_correlationid", "hr-change-48213"));
    }

    @Test
    void usesTheSubjectAsKeyAndTheTypesTopic() {
        var event = roomBooked();

        EventMessage message = codec.encode(event, ID, TIME);

        assertThat(message.key()).isEqualTo(EventFixtures.TENANT + "/" + EventFixtures.ROOM);
        assertThat(message.topic()).isEqualTo(Topics.BOOKINGS);
    }

    @Test
    void leavesOutTheCorrelationHeaderWhenTheEventHasNoCause() {
        var event = new UserOnboarded(EventFixtures.TENANT, EventFixtures.ADA, "ada@contoso.com", null, null, null,
                io.calbridge.common.events.directory.DirectorySource.SCIM, TIME, null);

        EventMessage message = codec.encode(event, ID, TIME);

        assertThat(message.headers()).doesNotContainKey(CloudEventHeaders.CORRELATION_ID);
        assertThat(codec.decodeEnvelope(message).correlationId()).isNull();
    }

    @Test
    void writesInstantsAsIsoStringsNotNumbers() {
        var event = calendarEventChanged();

        var tree = JSON.readTree(codec.encode(event, ID, TIME).payload());

        assertThat(tree.get("occurredAt").isString()).isTrue();
        assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-11-25T08:30:15.250Z");
        assertThat(tree.at("/snapshot/start").asString()).isEqualTo("2026-12-01T09:00:00Z");
    }

    @Test
    void refusesToEncodeAnUnregisteredEventClass() {
        CalbridgeEvent unregistered = new Unregistered("t", "t/x");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(unregistered, ID, TIME))
                .withMessageContaining("no ce_type registered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not a uri"})
    void rejectsASourceThatIsNotAUriReference(String source) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CloudEventCodec(source));
    }

    // --- decoding: the happy path ---

    @Test
    void decodesAnEnvelopeWithEveryAttribute() {
        EventMessage message = codec.encode(roomBooked(), ID, TIME);

        Envelope envelope = codec.decodeEnvelope(message);

        assertThat(envelope.id()).isEqualTo(ID.toString());
        assertThat(envelope.source()).isEqualTo("/provisioning-service");
        assertThat(envelope.type()).isEqualTo(EventTypes.of(roomBooked()));
        assertThat(envelope.time()).isEqualTo(TIME);
        assertThat(envelope.subject()).isEqualTo(roomBooked().subject());
        assertThat(envelope.correlationId()).isEqualTo("booking-req-1142");
        assertThat(envelope.event()).isEqualTo(roomBooked());
    }

    @Test
    void acceptsACeTimeWithAnOffsetAndAContentTypeWithCharset() {
        Map<String, String> headers = headersOf(userOnboarded(), h -> {
            h.put("ce_time", "2026-11-25T09:30:16+01:00");
            h.put("content-type", "application/json; charset=utf-8");
        });

        Envelope envelope = codec.decodeEnvelope(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-25T08:30:16Z"));
        assertThat(envelope.event()).isEqualTo(userOnboarded());
    }

    @Test
    void readsAnEventWithAnotherProducersSource() {
        EventMessage message = new CloudEventCodec("/hr-system").encode(userOnboarded(), ID, TIME);

        CalbridgeEvent event = codec.decode(message);

        assertThat(event).isEqualTo(userOnboarded());
    }

    @Test
    void roundTripsADeletedCalendarEventWithoutSnapshot() {
        var deleted = new io.calbridge.common.events.calendar.CalendarEventChanged(EventFixtures.TENANT,
                EventFixtures.ROOM, EventFixtures.ROOM_MAIL, io.calbridge.common.events.MailboxKind.ROOM,
                io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType.DELETED, "AAMkAGI2TGuLAAB=",
                null, EventFixtures.OCCURRED, null);

        EventMessage message = codec.encode(deleted, ID, TIME);

        assertThat(JSON.readTree(message.payload()).get("snapshot").isNull()).isTrue();
        assertThat(codec.decode(message)).isEqualTo(deleted);
    }

    @Test
    void readsAbsentOptionalFieldsAsNull() {
        ObjectNode payload = payloadOf(userOnboarded());
        payload.remove(java.util.List.of("mail", "displayName", "department", "correlationId"));

        CalbridgeEvent event = codec.decode(headersOf(userOnboarded(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(event).isInstanceOfSatisfying(UserOnboarded.class, onboarded -> {
            assertThat(onboarded.mail()).isNull();
            assertThat(onboarded.correlationId()).isNull();
            assertThat(onboarded.userPrincipalName()).isEqualTo("ada@contoso.com");
        });
    }

    // --- decoding: each rejection reason ---

    @ParameterizedTest
    @ValueSource(strings = {"ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject", "content-type"})
    void rejectsAMessageWithoutARequiredHeader(String header) {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.remove(header));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.MISSING_HEADER);
        assertThat(thrown).hasMessageContaining(header);
    }

    @Test
    void rejectsABlankHeaderAsMissing() {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("ce_id", " "));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.MISSING_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1764059416", "2026-11-25T08:30:16"})
    void rejectsACeTimeThatIsNotRfc3339(String time) {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("ce_time", time));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_HEADER);
        assertThat(thrown).hasMessageContaining("ce_time");
    }

    @Test
    void rejectsAnotherSpecVersion() {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("ce_specversion", "0.3"));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/avro", "text/plain", "application/cloudevents+json"})
    void rejectsAPayloadThatIsNotPlainJson(String contentType) {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("content-type", contentType));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "io.calbridge.directory.UserOnboarded.v2",
            "io.calbridge.common.events.directory.UserOnboarded",
            "UserOnboarded"})
    void rejectsAnUnregisteredType(String ceType) {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("ce_type", ceType));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(thrown).hasMessageContaining(ceType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[1,2]", "\"a string\"", "null", "{} {}"})
    void rejectsAPayloadThatIsNotOneJsonObject(String payload) {
        Map<String, String> headers = headersOf(userOnboarded(), h -> { });

        var thrown = decodeFailure(headers, payload.getBytes(StandardCharsets.UTF_8));

        assertThat(thrown.reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void rejectsAPayloadMissingARequiredField() {
        ObjectNode payload = payloadOf(userOnboarded());
        payload.remove("userPrincipalName");

        var thrown = decodeFailure(headersOf(userOnboarded(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("userPrincipalName is required");
    }

    @Test
    void rejectsAPayloadWithAFieldThatBreaksAnInvariant() {
        ObjectNode payload = payloadOf(roomBooked());
        payload.put("end", "2026-12-01T08:00:00Z");

        var thrown = decodeFailure(headersOf(roomBooked(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("end (2026-12-01T08:00:00Z) must be after start");
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        ObjectNode payload = payloadOf(userOnboarded());
        payload.put("source", "CARRIER_PIGEON");

        var thrown = decodeFailure(headersOf(userOnboarded(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("source");
    }

    @Test
    void rejectsAnInstantThatIsNotIso8601() {
        ObjectNode payload = payloadOf(userOnboarded());
        payload.put("occurredAt", "25/11/2026 08:30");

        var thrown = decodeFailure(headersOf(userOnboarded(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("occurredAt");
    }

    @Test
    void rejectsAnInstantWrittenAsEpochNumber() {
        ObjectNode payload = payloadOf(userOnboarded());
        payload.put("occurredAt", 1764059415L);

        var thrown = decodeFailure(headersOf(userOnboarded(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("occurredAt");
    }

    @Test
    void rejectsAMissingRequiredBooleanInsteadOfAssumingFalse() {
        ObjectNode payload = payloadOf(calendarEventChanged());
        ((ObjectNode) payload.get("snapshot")).remove("isAllDay");

        var thrown = decodeFailure(headersOf(calendarEventChanged(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("isAllDay");
    }

    @Test
    void rejectsANullRequiredBoolean() {
        ObjectNode payload = payloadOf(calendarEventChanged());
        ((ObjectNode) payload.get("snapshot")).putNull("isCancelled");

        var thrown = decodeFailure(headersOf(calendarEventChanged(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAStringWhereAnObjectBelongs() {
        ObjectNode payload = payloadOf(roomBooked());
        payload.put("organizer", "ada.lovelace@contoso.com");

        var thrown = decodeFailure(headersOf(roomBooked(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("organizer");
    }

    @ParameterizedTest(name = "categories = {0}")
    @ValueSource(strings = {"\"Customer\"", "[1, 2]", "[[\"Customer\"]]", "[{\"name\": \"Customer\"}]",
            "[\"Customer\", null]", "[\" \"]", "{\"0\": \"Customer\"}", "true"})
    void rejectsPushCategoriesThatAreNotAListOfNonBlankStrings(String categories) {
        ObjectNode payload = payloadOf(calendarEventPushRequested());
        ((ObjectNode) payload.get("content")).set("categories", JSON.readTree(categories));

        var thrown = decodeFailure(headersOf(calendarEventPushRequested(), h -> { }), JSON.writeValueAsBytes(payload));

        assertThat(thrown.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(thrown).hasMessageContaining("categories");
    }

    @Test
    void readsNullPushCategoriesAsAbsent() {
        ObjectNode payload = payloadOf(calendarEventPushRequested());
        ((ObjectNode) payload.get("content")).putNull("categories");

        var decoded = (CalendarEventPushRequested) CloudEventCodec.fromJson(
                EventTypes.of(CalendarEventPushRequested.class), JSON.writeValueAsBytes(payload));

        assertThat(decoded).isEqualTo(calendarEventPushRequested());
    }

    @Test
    void rejectsACeSubjectThatDiffersFromThePayload() {
        Map<String, String> headers = headersOf(userOnboarded(), h -> h.put("ce_subject", EventFixtures.TENANT + "/someone-else"));

        var thrown = decodeFailure(headers, CloudEventCodec.toJson(userOnboarded()));

        assertThat(thrown.reason()).isEqualTo(Reason.SUBJECT_MISMATCH);
    }

    @Test
    void rejectsAKafkaKeyThatDiffersFromCeSubject() {
        EventMessage good = codec.encode(userOnboarded(), ID, TIME);
        EventMessage rekeyed = new EventMessage(good.topic(), "another-tenant/" + EventFixtures.ADA, good.headers(), good.payload());

        var thrown = catchThrowableOfType(InvalidEventException.class, () -> codec.decode(rekeyed));

        assertThat(thrown.reason()).isEqualTo(Reason.SUBJECT_MISMATCH);
    }

    @Test
    void rejectsATypeReadFromAnotherTopic() {
        EventMessage good = codec.encode(userOnboarded(), ID, TIME);
        EventMessage misrouted = new EventMessage(Topics.PUSHES, good.key(), good.headers(), good.payload());

        var thrown = catchThrowableOfType(InvalidEventException.class, () -> codec.decode(misrouted));

        assertThat(thrown.reason()).isEqualTo(Reason.TOPIC_MISMATCH);
        assertThat(thrown).hasMessageContaining(Topics.DIRECTORY_USERS).hasMessageContaining(Topics.PUSHES);
    }

    @Test
    void rejectsAConsumerRecordWithoutKey() {
        ProducerRecord<String, byte[]> sent = codec.encodeRecord(userOnboarded(), ID, TIME);
        var received = new ConsumerRecord<String, byte[]>(sent.topic(), 0, 42L, 0L, TimestampType.CREATE_TIME, 0, 0,
                null, sent.value(), sent.headers(), java.util.Optional.empty());

        var thrown = catchThrowableOfType(InvalidEventException.class, () -> codec.decode(received));

        assertThat(thrown.reason()).isEqualTo(Reason.MISSING_KEY);
        assertThat(thrown).hasMessageContaining("directory.users-0@42");
    }

    @Test
    void rejectsAConsumerRecordWithoutValueAsMalformed() {
        ProducerRecord<String, byte[]> sent = codec.encodeRecord(userOnboarded(), ID, TIME);
        var received = consumed(sent.topic(), sent.key(), null, sent.headers());

        var thrown = catchThrowableOfType(InvalidEventException.class, () -> codec.decode(received));

        assertThat(thrown.reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    // --- Kafka records ---

    @Test
    void readsBackWhatItWroteAsKafkaRecords() {
        ProducerRecord<String, byte[]> sent = codec.encodeRecord(calendarEventChanged(), ID, TIME);
        var received = consumed(sent.topic(), sent.key(), sent.value(), sent.headers());

        CalbridgeEvent event = codec.decode(received);

        assertThat(sent.topic()).isEqualTo(Topics.CALENDAR_EVENTS);
        assertThat(sent.key()).isEqualTo(calendarEventChanged().subject());
        assertThat(sent.partition()).isNull();
        assertThat(event).isEqualTo(calendarEventChanged());
    }

    @Test
    void convertsHeadersToKafkaAndBackAsUtf8() {
        Map<String, String> headers = Map.of("ce_id", "1", "ce_source", "/sync-service", "x-note", "Zürich");

        Map<String, String> back = CloudEventHeaders.fromKafka(CloudEventHeaders.toKafka(headers));

        assertThat(back).isEqualTo(headers);
    }

    @Test
    void keepsTheLastValueOfARepeatedKafkaHeaderAndSkipsNullValues() {
        var kafka = new RecordHeaders();
        kafka.add("ce_id", "first".getBytes(StandardCharsets.UTF_8));
        kafka.add("ce_id", "second".getBytes(StandardCharsets.UTF_8));
        kafka.add("x-empty", null);

        Map<String, String> headers = CloudEventHeaders.fromKafka(kafka);

        assertThat(headers).containsExactly(Map.entry("ce_id", "second"));
    }

    private InvalidEventException decodeFailure(Map<String, String> headers, byte[] payload) {
        var thrown = catchThrowableOfType(InvalidEventException.class, () -> codec.decode(headers, payload));
        assertThat(thrown).as("decoding should have failed").isNotNull();
        return thrown;
    }

    private Map<String, String> headersOf(CalbridgeEvent event, Consumer<Map<String, String>> change) {
        Map<String, String> headers = new HashMap<>(codec.encode(event, ID, TIME).headers());
        change.accept(headers);
        return headers;
    }

    private static ObjectNode payloadOf(CalbridgeEvent event) {
        return (ObjectNode) JSON.readTree(CloudEventCodec.toJson(event));
    }

    private static ConsumerRecord<String, byte[]> consumed(String topic, String key, byte[] value,
            org.apache.kafka.common.header.Headers headers) {
        return new ConsumerRecord<>(topic, 0, 42L, 0L, TimestampType.CREATE_TIME, 0, 0, key, value, headers,
                java.util.Optional.empty());
    }

    private record Unregistered(String tenantId, String subject) implements CalbridgeEvent {
        @Override
        public String topic() {
            return Topics.DIRECTORY_USERS;
        }

        @Override
        public String correlationId() {
            return null;
        }
    }
}
