package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Messages that other systems put on a topic and the consumer cannot (or not yet) process. */
@RealInfrastructure
@SpringBootTest(classes = KernelTestApplication.class, properties = "test.topic=" + DeadLetterIT.TOPIC)
class DeadLetterIT {

    static final String TOPIC = "kernel-it.dead-letters";
    static final String DLQ = TOPIC + ".kernel-it.dlq";

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    RecordingHandler handler;
    @Autowired
    KafkaClients clients;
    @Autowired
    JdbcTemplate jdbc;

    private Producer<byte[], byte[]> producer;

    @BeforeEach
    void openProducer() {
        producer = clients.producer("test-upstream", Duration.ofSeconds(10));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void deadLetterCountersOfTheKernelsReasonsExistBeforeTheFirstDeadLetter() {
        var counters = meters.find("calbridge.consumer.dead-letters").tag("topic", TOPIC).tag("group", "kernel-it").counters();

        assertThat(counters).extracting(c -> c.getId().getTag("reason")).containsAll(DeadLetterPublisher.KERNEL_REASONS);
    }

    @Test
    void malformedMessageLandsInTheDlqWithItsReasonWhileTheNextGoodMessageIsProcessed() throws Exception {
        // given
        EventMessage malformed = Events.withPayload(TOPIC, "t1/mailbox-dlq", "{\"tenant\": not json");
        EventMessage good = Events.anEvent(TOPIC, "t1/mailbox-dlq", 2);

        // when
        RecordMetadata malformedAt = send(malformed);
        send(good);

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handler.committed()).contains(good));
        ConsumerRecord<byte[], byte[]> letter = deadLetterOf(malformed.header("ce_id"));
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("t1/mailbox-dlq");
        assertThat(letter.value()).isEqualTo(malformed.payload());
        malformed.headers().forEach((name, value) -> assertThat(TopicReader.header(letter, name)).as(name).isEqualTo(value));
        assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.MALFORMED_JSON);
        assertThat(TopicReader.header(letter, DeadLetterHeaders.MESSAGE)).startsWith("Payload is not JSON");
        assertThat(TopicReader.header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(PermanentFailure.class.getName());
        assertThat(TopicReader.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(TopicReader.header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo(String.valueOf(malformedAt.partition()));
        assertThat(TopicReader.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(String.valueOf(malformedAt.offset()));
        assertThat(TopicReader.header(letter, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo("kernel-it");
        assertThat(Instant.parse(TopicReader.header(letter, DeadLetterHeaders.FAILED_AT))).isAfter(Instant.now().minusSeconds(120));
        assertThat(handler.attempts(malformed.header("ce_id"))).as("permanent failures are not retried").isEqualTo(1);
        assertThat(processedMark(malformed)).as("a dead-lettered event is not marked processed").isZero();
    }

    @Test
    void messageWithoutCeIdIsDeadLetteredAsMissingHeader() throws Exception {
        // given
        String marker = "{\"tenant\":\"t1\",\"seq\":7,\"marker\":\"no-ce-id\"}";
        var record = new ProducerRecord<byte[], byte[]>(TOPIC, bytes("t1/mailbox-headers"), bytes(marker));
        record.headers().add(new RecordHeader("ce_type", bytes("io.calbridge.test.ThingHappened.v1")));

        // when
        producer.send(record).get(10, TimeUnit.SECONDS);

        // then
        var letters = TopicReader.read(DLQ, records -> records.stream().anyMatch(r -> marker.equals(text(r.value()))));
        var letter = letters.stream().filter(r -> marker.equals(text(r.value()))).findFirst().orElseThrow();
        assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.MISSING_HEADER);
        assertThat(TopicReader.header(letter, DeadLetterHeaders.MESSAGE)).contains("ce_id");
        assertThat(TopicReader.header(letter, "ce_type")).isEqualTo("io.calbridge.test.ThingHappened.v1");
    }

    @Test
    void unknownTenantIsDeadLetteredWithoutRetry() throws Exception {
        EventMessage stranger = Events.withPayload(TOPIC, "unknown/mailbox-1", "{\"tenant\":\"unknown\",\"seq\":1}");

        send(stranger);

        ConsumerRecord<byte[], byte[]> letter = deadLetterOf(stranger.header("ce_id"));
        assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.UNKNOWN_TENANT);
        assertThat(handler.attempts(stranger.header("ce_id"))).isEqualTo(1);
    }

    @Test
    void transientFailureIsRetriedAndTheEventAppliedOnce() throws Exception {
        EventMessage flaky = Events.withPayload(TOPIC, "t1/mailbox-flaky", "{\"tenant\":\"t1\",\"seq\":1,\"failTimes\":2}");

        send(flaky);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handler.committed()).contains(flaky));
        assertThat(handler.attempts(flaky.header("ce_id"))).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM received WHERE ce_id = ?", Integer.class,
                flaky.header("ce_id"))).isEqualTo(1);
    }

    @Test
    void transientFailureThatOutlastsTheRetriesIsDeadLetteredAsRetriesExhausted() throws Exception {
        EventMessage down = Events.withPayload(TOPIC, "t1/mailbox-down", "{\"tenant\":\"t1\",\"seq\":1,\"failTimes\":1000}");

        send(down);

        ConsumerRecord<byte[], byte[]> letter = deadLetterOf(down.header("ce_id"));
        assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.RETRIES_EXHAUSTED);
        assertThat(TopicReader.header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(TransientFailure.class.getName());
        assertThat(handler.attempts(down.header("ce_id"))).as("1 attempt + max-retries 5").isEqualTo(6);
    }

    private RecordMetadata send(EventMessage message) throws Exception {
        var record = new ProducerRecord<byte[], byte[]>(message.topic(), bytes(message.key()), message.payload());
        message.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, bytes(value))));
        return producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private ConsumerRecord<byte[], byte[]> deadLetterOf(String ceId) {
        List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.read(DLQ, records -> records.stream()
                .anyMatch(r -> ceId.equals(TopicReader.header(r, "ce_id"))));
        return letters.stream().filter(r -> ceId.equals(TopicReader.header(r, "ce_id"))).findFirst().orElseThrow();
    }

    private int processedMark(EventMessage message) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM processed_events WHERE ce_id = ?", Integer.class,
                message.header("ce_id"));
        return count == null ? 0 : count;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

}
