package io.calbridge.common.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.EventFixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden files in {@code events/} are the published contract: each must decode to its fixture, and each
 * fixture must encode to exactly its golden JSON. Renaming, removing or retyping a field breaks one of these.
 */
class GoldenFilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CloudEventCodec codec = new CloudEventCodec("/golden-test");

    static Stream<EventType> registeredTypes() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredTypes")
    void goldenFileDecodesToTheExpectedRecord(EventType type) {
        byte[] golden = golden(type);

        CalbridgeEvent decoded = CloudEventCodec.fromJson(type, golden);

        assertThat(decoded).isEqualTo(fixture(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredTypes")
    void recordEncodesToTheGoldenJson(EventType type) {
        CalbridgeEvent event = fixture(type);

        JsonNode encoded = JSON.readTree(CloudEventCodec.toJson(event));

        assertThat(encoded).isEqualTo(JSON.readTree(golden(type)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredTypes")
    void goldenTravelsThroughAKafkaMessageUnchanged(EventType type) {
        CalbridgeEvent event = fixture(type);
        UUID id = UUID.fromString("7d1e4b2a-9c35-4f68-a0b7-3e2d5c8f1a96");

        EventMessage message = codec.encode(event, id, Instant.parse("2026-11-25T08:30:16Z"));
        Envelope envelope = codec.decodeEnvelope(message);

        assertThat(message.topic()).isEqualTo(type.topic()).isEqualTo(event.topic());
        assertThat(message.key()).isEqualTo(event.subject()).isEqualTo(message.header(CloudEventHeaders.SUBJECT));
        assertThat(message.header(CloudEventHeaders.TYPE)).isEqualTo(type.ceType());
        assertThat(JSON.readTree(message.payload())).isEqualTo(JSON.readTree(golden(type)));
        assertThat(envelope.event()).isEqualTo(event);
        assertThat(envelope.id()).isEqualTo(id.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredTypes")
    void goldenWithAnAddedPropertyStillDecodes(EventType type) {
        ObjectNode future = (ObjectNode) JSON.readTree(golden(type));
        future.put("fieldAddedInALaterMinorVersion", "ignored");
        future.putObject("nestedAddition").put("also", true);

        CalbridgeEvent decoded = CloudEventCodec.fromJson(type, JSON.writeValueAsBytes(future));

        assertThat(decoded).isEqualTo(fixture(type));
    }

    @Test
    void everyGoldenFileBelongsToARegisteredTypeAndEveryTypeHasOne() throws IOException, URISyntaxException {
        Path folder = Path.of(GoldenFilesTest.class.getResource("/events").toURI());

        List<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(
                EventTypes.ALL.stream().map(GoldenFilesTest::fileName).toList());
        assertThat(EventFixtures.byCeType().keySet())
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventType::ceType).toList());
    }

    @Test
    void pushWithCategoriesDecodesFromAndEncodesToItsGolden() throws IOException {
        byte[] golden = variant("CalendarEventPushRequested.v1.categories.json");
        CalbridgeEvent expected = EventFixtures.calendarEventPushRequestedWithCategories();

        assertThat(CloudEventCodec.fromJson(EventTypes.of(expected.getClass()), golden)).isEqualTo(expected);
        assertThat(JSON.readTree(CloudEventCodec.toJson(expected))).isEqualTo(JSON.readTree(golden));
    }

    @Test
    void pushWithoutCategoriesKeepsItsOriginalWireFormat() {
        var plain = EventFixtures.calendarEventPushRequested();

        assertThat(plain.content().categories()).isNull();
        assertThat(JSON.readTree(CloudEventCodec.toJson(plain)).get("content").has("categories")).isFalse();
    }

    /** A golden of an optional-field variant, kept apart from the one-file-per-type folder {@code events/}. */
    static byte[] variant(String file) throws IOException {
        try (var in = GoldenFilesTest.class.getResourceAsStream("/events-variants/" + file)) {
            assertThat(in).as("golden variant %s", file).isNotNull();
            return in.readAllBytes();
        }
    }

    /** {@code io.calbridge.booking.RoomBooked.v1} is in {@code events/RoomBooked.v1.json}. */
    static String fileName(EventType type) {
        String[] parts = type.ceType().split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1] + ".json";
    }

    static byte[] golden(EventType type) {
        return EventFixtures.goldenJson(type.ceType());
    }

    static CalbridgeEvent fixture(EventType type) {
        CalbridgeEvent event = EventFixtures.byCeType().get(type.ceType());
        assertThat(event).as("fixture for %s", type.ceType()).isNotNull();
        return event;
    }
}
