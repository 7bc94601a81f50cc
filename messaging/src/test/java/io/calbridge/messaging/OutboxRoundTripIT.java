package io.calbridge.messaging;

import static io.calbridge.messaging.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@RealInfrastructure
@SpringBootTest(classes = KernelTestApplication.class, properties = "test.topic=" + OutboxRoundTripIT.TOPIC)
class OutboxRoundTripIT {

    static final String TOPIC = "kernel-it.round-trip";

    @Autowired
    Outbox outbox;
    @Autowired
    RecordingHandler handler;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void eventRoundTripsWithKeyHeadersAndPayloadIntact() {
        EventMessage event = anEvent(TOPIC, "t1/mailbox-1", 1);

        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> outbox.append(event));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committedWithoutTrace()).contains(event));
        assertThat(handler.committed()).filteredOn(m -> event.header("ce_id").equals(m.header("ce_id"))).singleElement()
                .satisfies(m -> assertThat(TraceContext.parse(m.header(TraceContext.HEADER))).as("the outbox adds a traceparent").isPresent());
        assertThat(jdbc.queryForObject("SELECT published_at IS NOT NULL FROM outbox WHERE headers->>'ce_id' = ?",
                Boolean.class, event.header("ce_id"))).isTrue();
    }

    /** What the handler committed, without the {@code traceparent} the outbox adds to every event. */
    private List<EventMessage> committedWithoutTrace() {
        return handler.committed().stream().map(m -> {
            Map<String, String> headers = new HashMap<>(m.headers());
            headers.remove(TraceContext.HEADER);
            return new EventMessage(m.topic(), m.key(), headers, m.payload());
        }).toList();
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        EventMessage rolledBack = anEvent(TOPIC, "t1/mailbox-2", 1);
        EventMessage committed = anEvent(TOPIC, "t1/mailbox-2", 2);
        var transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(tx -> {
            outbox.append(rolledBack);
            tx.setRollbackOnly();
        });
        transactions.executeWithoutResult(tx -> outbox.append(committed));

        // Same key, same partition: had the rolled-back event been published, it would precede the committed one.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committedWithoutTrace()).contains(committed));
        var onTopic = TopicReader.read(TOPIC, records -> records.stream()
                .anyMatch(r -> committed.header("ce_id").equals(TopicReader.header(r, "ce_id"))));
        assertThat(onTopic).noneMatch(r -> rolledBack.header("ce_id").equals(TopicReader.header(r, "ce_id")));
        assertThat(committedWithoutTrace()).doesNotContain(rolledBack);
        assertThat(outboxRows(rolledBack)).isZero();
    }

    @Test
    void appendOutsideATransactionFailsFast() {
        EventMessage event = anEvent(TOPIC, "t1/mailbox-3", 1);

        assertThatThrownBy(() -> outbox.append(event))
                .isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("MANDATORY");
        assertThat(outboxRows(event)).isZero();
    }

    private int outboxRows(EventMessage event) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE headers->>'ce_id' = ?",
                Integer.class, event.header("ce_id"));
        return rows == null ? 0 : rows;
    }
}
