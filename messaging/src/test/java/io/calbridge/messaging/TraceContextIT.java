package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trace ids cross Kafka on the real broker: an event appended inside a trace arrives with a {@code traceparent} of
 * the same trace, the consumer handles it inside that trace (MDC included), and what the handler appends in turn
 * continues the trace to the next consumer.
 */
@RealInfrastructure
@SpringBootTest(classes = {KernelTestApplication.class, TraceContextIT.TracedConsumers.class},
        properties = "test.topic=kernel-it.trace-unused")
class TraceContextIT {

    static final String FIRST = "kernel-it.traced";
    static final String SECOND = "kernel-it.traced-next";

    @Autowired
    Outbox outbox;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Map<String, Seen> seen;

    @Test
    void anEventPublishedInsideATraceIsHandledInThatTraceAndPassesItOn() {
        TraceContext request = TraceContext.newTrace();
        String key = "traced-" + UUID.randomUUID();

        try (var scope = request.makeCurrent()) {
            new TransactionTemplate(transactionManager).executeWithoutResult(tx -> outbox.append(message(FIRST, key)));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey(SECOND + "/" + key));
        Seen first = seen.get(FIRST + "/" + key);
        Seen second = seen.get(SECOND + "/" + key);
        assertThat(TraceContext.parse(first.traceparent())).get().extracting(TraceContext::traceId).isEqualTo(request.traceId());
        assertThat(first.mdcTraceId()).isEqualTo(request.traceId());
        assertThat(first.current().traceId()).isEqualTo(request.traceId());
        assertThat(second.mdcTraceId()).as("the handler's own event continues the trace").isEqualTo(request.traceId());
        assertThat(first.current().spanId()).isNotEqualTo(request.spanId()).isNotEqualTo(second.current().spanId());
        var onKafka = TopicReader.read(FIRST, records -> records.stream().anyMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))));
        assertThat(onKafka).filteredOn(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .singleElement().satisfies(r -> assertThat(TopicReader.header(r, TraceContext.HEADER)).contains(request.traceId()));
        assertThat(TraceContext.current()).as("the test's scope is closed").isEmpty();
    }

    @Test
    void anEventPublishedOutsideAnyTraceBeginsOne() {
        String key = "untraced-" + UUID.randomUUID();

        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> outbox.append(message(FIRST, key)));

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey(SECOND + "/" + key));
        String traceId = seen.get(FIRST + "/" + key).mdcTraceId();
        assertThat(TraceContext.parse(seen.get(FIRST + "/" + key).traceparent())).get().extracting(TraceContext::traceId).isEqualTo(traceId);
        assertThat(seen.get(SECOND + "/" + key).mdcTraceId()).isEqualTo(traceId);
    }

    private static EventMessage message(String topic, String key) {
        return new EventMessage(topic, key, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "io.calbridge.test.Traced.v1"),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** What a handler saw: the record's traceparent, the MDC's trace id and the current context while handling. */
    record Seen(String traceparent, String mdcTraceId, TraceContext current) {}

    @TestConfiguration(proxyBeanMethods = false)
    static class TracedConsumers {

        @Bean
        Map<String, Seen> seen() {
            return new ConcurrentHashMap<>();
        }

        @Bean
        InboundEventHandler firstHop(Map<String, Seen> seen, Outbox outbox) {
            return new Recording(FIRST, seen, outbox);
        }

        @Bean
        InboundEventHandler secondHop(Map<String, Seen> seen) {
            return new Recording(SECOND, seen, null);
        }
    }

    /** Records the trace it handles in; the first hop appends an event for the second in its transaction. */
    record Recording(String topic, Map<String, Seen> seen, Outbox next) implements InboundEventHandler {

        @Override
        public void handle(EventMessage message) {
            if (next != null) {
                next.append(message(SECOND, message.key()));
            }
            seen.put(topic + "/" + message.key(), new Seen(message.header(TraceContext.HEADER), MDC.get(TraceContext.TRACE_ID_KEY),
                    TraceContext.current().orElseThrow()));
        }
    }
}
