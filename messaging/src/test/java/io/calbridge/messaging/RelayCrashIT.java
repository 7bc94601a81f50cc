package io.calbridge.messaging;

import static io.calbridge.messaging.Events.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay's crash, restart and single-leader behaviour, driven pass by pass (the automatic relay is off). */
@RealInfrastructure
@SpringBootTest(classes = KernelTestApplication.class, properties = {
        "test.topic=" + RelayCrashIT.TOPIC,
        "calbridge.messaging.outbox.relay-enabled=false"})
class RelayCrashIT {

    static final String TOPIC = "kernel-it.relay-crash";

    @Autowired
    Outbox outbox;
    @Autowired
    RecordingHandler handler;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    KafkaClients clients;
    @Autowired
    MeterRegistry meters;

    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void startWithNothingToRelay() {
        // Tests drive relays by hand; rows another test left unpublished must not leak into this one's passes.
        jdbc.update("UPDATE outbox SET published_at = clock_timestamp() WHERE published_at IS NULL");
    }

    @AfterEach
    void closeRelays() {
        relays.forEach(OutboxRelay::closeProducer);
    }

    @Test
    void relayKilledBetweenSendAndMarkResendsAndTheConsumerAbsorbsTheDuplicate() {
        // given
        EventMessage event = anEvent(TOPIC, "t1/mailbox-crash", 1);
        String ceId = event.header("ce_id");
        append(event);
        double duplicatesBefore = duplicates();
        OutboxRelay killed = newRelay(10);
        killed.setSendObserver(ids -> {
            throw new RelayKilled();
        });

        // when
        assertThatThrownBy(killed::relayOnce).isInstanceOf(RelayKilled.class);
        killed.closeProducer();
        int unpublishedAfterKill = unpublished();
        double backlogAfterKill = meters.get("calbridge.outbox.backlog").gauge().value();
        int publishedByRestart = newRelay(10).relayOnce();

        // then
        assertThat(unpublishedAfterKill).isEqualTo(1);
        assertThat(backlogAfterKill).as("calbridge.outbox.backlog gauge").isEqualTo(1.0);
        assertThat(publishedByRestart).isEqualTo(1);
        assertThat(meters.get("calbridge.outbox.backlog").gauge().value()).isZero();
        var copies = TopicReader.read(TOPIC, records -> records.stream()
                .filter(r -> ceId.equals(TopicReader.header(r, "ce_id"))).count() == 2);
        assertThat(copies).filteredOn(r -> ceId.equals(TopicReader.header(r, "ce_id"))).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 1);
        assertThat(handler.committed()).filteredOn(m -> ceId.equals(m.header("ce_id"))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM received WHERE ce_id = ?", Integer.class, ceId)).isEqualTo(1);
    }

    @Test
    void perKeyOrderHoldsAcrossARelayRestart() {
        // given: 3 keys x 40 events, interleaved, one transaction each
        List<String> keys = List.of("t1/order-a", "t1/order-b", "t1/order-c");
        IntStream.range(0, 40).forEach(seq -> keys.forEach(key -> append(anEvent(TOPIC, key, seq))));

        // when: a relay publishes two batches, is killed between send and mark of the third, and a new one drains
        OutboxRelay first = newRelay(25);
        int firstPublished = first.relayOnce() + first.relayOnce();
        first.setSendObserver(ids -> {
            throw new RelayKilled();
        });
        assertThatThrownBy(first::relayOnce).isInstanceOf(RelayKilled.class);
        first.closeProducer();
        OutboxRelay restarted = newRelay(25);
        int restartedPublished = 0;
        for (int n = restarted.relayOnce(); n > 0; n = restarted.relayOnce()) {
            restartedPublished += n;
        }

        // then
        assertThat(firstPublished).isEqualTo(50);
        assertThat(restartedPublished).isEqualTo(70);
        await().atMost(Duration.ofSeconds(60)).until(() -> committedFor(keys).size() == 120);
        for (String key : keys) {
            assertThat(committedFor(List.of(key)).stream().map(Events::seqOf))
                    .as("events of %s in the order they were applied", key)
                    .containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
        }
    }

    @Test
    void aSecondRelayPublishesNothingWhileTheFirstHoldsTheLock() throws Exception {
        // given
        append(anEvent(TOPIC, "t1/mailbox-lock", 1));
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        OutboxRelay first = newRelay(10);
        first.setSendObserver(ids -> {
            inside.countDown();
            awaitLatch(release);
        });
        CompletableFuture<Integer> firstPass = CompletableFuture.supplyAsync(first::relayOnce);
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        // when
        int secondPublished = newRelay(10).relayOnce();
        release.countDown();

        // then
        assertThat(secondPublished).isZero();
        assertThat(firstPass.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(unpublished()).isZero();
    }

    @Test
    void housekeepingDeletesPublishedRowsAndProcessedIdsPastTheirRetentionOnly() {
        // given: one published row, one unpublished row, and a processed id
        append(anEvent(TOPIC, "t1/mailbox-prune", 1));
        newRelay(1).relayOnce();
        append(anEvent(TOPIC, "t1/mailbox-prune", 2));
        jdbc.update("INSERT INTO processed_events (consumer_group, ce_id) VALUES ('prune-test', 'old-id')");
        int publishedBefore = count("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL");
        var settings = MessagingSettings.defaults();
        var eightDaysLater = Clock.offset(Clock.systemUTC(), settings.outbox().retention().plusDays(1));
        var monthsLater = Clock.offset(Clock.systemUTC(), settings.consumer().dedupRetention().plusDays(1));

        // when
        int deletedAfterEightDays = new Housekeeping(jdbc, settings, eightDaysLater).prune();
        int processedAfterEightDays = count("SELECT count(*) FROM processed_events WHERE ce_id = 'old-id'");
        new Housekeeping(jdbc, settings, monthsLater).prune();

        // then
        assertThat(deletedAfterEightDays).isEqualTo(publishedBefore);
        assertThat(count("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL")).isZero();
        assertThat(unpublished()).isEqualTo(1);
        assertThat(processedAfterEightDays).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE ce_id = 'old-id'")).isZero();
    }

    private OutboxRelay newRelay(int batchSize) {
        var settings = new MessagingSettings.Outbox(false, Duration.ofMillis(50), batchSize, Duration.ofSeconds(10),
                Duration.ofDays(1), Duration.ofHours(1));
        var relay = new OutboxRelay(new JdbcTemplate(dataSource), transactionManager,
                () -> clients.producer("test-relay", Duration.ofSeconds(10)), settings, meters);
        relays.add(relay);
        return relay;
    }

    private void append(EventMessage event) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> outbox.append(event));
    }

    private int count(String sql) {
        Integer count = jdbc.queryForObject(sql, Integer.class);
        return count == null ? 0 : count;
    }

    private int unpublished() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class);
        return count == null ? 0 : count;
    }

    private double duplicates() {
        var counter = meters.find("calbridge.consumer.duplicates").tag("topic", TOPIC).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<EventMessage> committedFor(List<String> keys) {
        return handler.committed().stream().filter(m -> keys.contains(m.key())).toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stands for the relay process dying between Kafka's acknowledgement and the database update. */
    static final class RelayKilled extends RuntimeException {
        RelayKilled() {
            super("relay killed between send and mark");
        }
    }
}
