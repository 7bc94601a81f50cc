package io.calbridge.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.messaging.Outbox;
import io.calbridge.messaging.TraceContext;
import io.calbridge.testsupport.RealInfrastructure;
import io.calbridge.testsupport.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trace begun by an HTTP request reaches Kafka: the request continues the caller's {@code traceparent}, the
 * service's logs show its trace id, and the event the request appends to the outbox is published with a
 * {@code traceparent} of the same trace.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TracingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=tracing-it",
        "spring.flyway.locations=classpath:db/kernel",
        "calbridge.encryption-key=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
        "calbridge.security.api-keys=ops:*:2c69bc9111c27110a9b9a7974ba3f8ac0c053c16b23a0738115ee829fbc4d57b"})
class TracingIT {

    static final String TOPIC = "tracing-it.events";

    @RestController
    static class EventController {

        private static final Logger log = LoggerFactory.getLogger(EventController.class);
        private final Outbox outbox;

        EventController(Outbox outbox) {
            this.outbox = outbox;
        }

        @PostMapping("/api/tenants/{tenantId}/events/{key}")
        @Transactional
        public String publish(@PathVariable String tenantId, @PathVariable String key) {
            outbox.append(new EventMessage(TOPIC, key, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "io.calbridge.test.Traced.v1"),
                    "{}".getBytes(StandardCharsets.UTF_8)));
            log.info("Event {} appended for {}", key, tenantId);
            return key;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EventController.class)
    static class App {}

    @LocalServerPort
    int port;

    @Test
    void aTraceBegunByAnHttpRequestIsCarriedToKafkaAndIntoTheLogs(CapturedOutput output) throws Exception {
        TraceContext caller = TraceContext.newTrace();
        String key = "http-" + UUID.randomUUID();

        HttpResponse<String> response = appendThroughHttp(port, key, caller);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(TraceContext.HEADER)).get().asString().contains(caller.traceId());
        ConsumerRecord<byte[], byte[]> record = readRecord(key);
        String traceparent = new String(record.headers().lastHeader(TraceContext.HEADER).value(), StandardCharsets.UTF_8);
        assertThat(TraceContext.parse(traceparent)).get().extracting(TraceContext::traceId).isEqualTo(caller.traceId());
        assertThat(output.getOut()).containsPattern("\\[" + caller.traceId() + "-[0-9a-f]{16}\\] .*Event " + key + " appended");
    }

    /** Asks the test service to append event {@code key}, from inside the caller's trace. */
    static HttpResponse<String> appendThroughHttp(int port, String key, TraceContext caller) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tenants/tenant-a/events/" + key))
                .header("Authorization", "Bearer ops-key").header(TraceContext.HEADER, caller.traceparent())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConsumerRecord<byte[], byte[]> readRecord(String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "tracing-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            return await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(consumer.poll(Duration.ofMillis(200)).spliterator(), false)
                    .filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst(), Optional::isPresent).orElseThrow();
        }
    }
}
