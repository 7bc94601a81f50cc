package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.EventFixtures;
import io.calbridge.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A consumer that decodes with the CloudEvents codec from {@code common}, end to end through the outbox. */
@RealInfrastructure
@SpringBootTest(classes = {KernelTestApplication.class, CloudEventConsumerIT.CodecConsumer.class},
        properties = "test.topic=kernel-it.codec-unused")
class CloudEventConsumerIT {

    static final CloudEventCodec CODEC = new CloudEventCodec("/kernel-it");

    @Autowired
    Outbox outbox;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    List<CalbridgeEvent> decoded;

    @Test
    void encodedEventIsDecodedByTheConsumerAsTheSameEvent() {
        CalbridgeEvent event = EventFixtures.accountConnected();
        EventMessage message = CODEC.encode(event, UUID.randomUUID(), EventFixtures.OCCURRED);

        append(message);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(decoded).contains(event));
    }

    @Test
    void eventWithAnUnknownTypeIsDeadLetteredWithTheCodecsReason() {
        EventMessage valid = CODEC.encode(EventFixtures.accountDisconnected(), UUID.randomUUID(), EventFixtures.OCCURRED);
        Map<String, String> headers = new HashMap<>(valid.headers());
        headers.put("ce_type", "io.calbridge.provisioning.AccountRenamed.v1");
        var unknown = new EventMessage(valid.topic(), valid.key(), headers, valid.payload());

        append(unknown);

        var letters = TopicReader.read(Topics.dlq(Topics.ACCOUNTS, "kernel-it"), records -> records.stream()
                .anyMatch(r -> headers.get("ce_id").equals(TopicReader.header(r, "ce_id"))));
        var letter = letters.stream().filter(r -> headers.get("ce_id").equals(TopicReader.header(r, "ce_id")))
                .findFirst().orElseThrow();
        assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_TYPE");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(valid.payload(), StandardCharsets.UTF_8));
    }

    private void append(EventMessage message) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> outbox.append(message));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CodecConsumer {

        @Bean
        List<CalbridgeEvent> decoded() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        InboundEventHandler accountsHandler(List<CalbridgeEvent> decoded) {
            return InboundEventHandler.events(Topics.ACCOUNTS, CODEC, decoded::add);
        }
    }
}
