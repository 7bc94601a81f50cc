package io.calbridge.messaging;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging kernel, under {@code calbridge.messaging}. Kafka connection settings come from
 * {@code spring.kafka.*} and the database from {@code spring.datasource.*}.
 *
 * @param outbox   the outbox relay
 * @param consumer the consumers wired from {@link InboundEventHandler} beans
 */
@ConfigurationProperties("calbridge.messaging")
public record MessagingSettings(@DefaultValue Outbox outbox, @DefaultValue Consumer consumer) {

    /**
     * The outbox relay ({@code calbridge.messaging.outbox.*}).
     *
     * @param relayEnabled  whether this instance runs a relay; at most one relay per database is active at a time
     *                      anyway (advisory lock), so leaving it on everywhere is safe
     * @param pollInterval  pause between relay passes when the outbox is drained
     * @param batchSize     rows per relay pass, at least 1; a full batch is followed by another pass at once
     * @param sendTimeout   how long a pass waits for the broker's acknowledgements; also the producer's
     *                      {@code delivery.timeout.ms}
     * @param retention     how long published rows are kept before they are deleted
     * @param pruneInterval how often published rows and old processed-event ids are deleted
     */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("500") int batchSize,
            @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("10m") Duration pruneInterval) {

        public Outbox {
            require(batchSize >= 1, "calbridge.messaging.outbox.batch-size must be at least 1");
            require(isPositive(pollInterval), "calbridge.messaging.outbox.poll-interval must be positive");
            require(sendTimeout.toMillis() >= 1_000, "calbridge.messaging.outbox.send-timeout must be at least 1s");
            require(isPositive(retention), "calbridge.messaging.outbox.retention must be positive");
            require(isPositive(pruneInterval), "calbridge.messaging.outbox.prune-interval must be positive");
        }
    }

    /**
     * The consumers ({@code calbridge.messaging.consumer.*}).
     *
     * @param group           Kafka consumer group; defaults to {@code spring.application.name}. Also the middle
     *                        part of the dead-letter topic {@code <topic>.<group>.dlq}
     * @param concurrency     consumer threads per handler (each takes a share of the topic's partitions)
     * @param initialBackoff  first pause before retrying a transient failure
     * @param backoffMultiplier factor applied to the pause after each retry
     * @param maxBackoff      longest pause between retries
     * @param maxRetries      retries of a transient failure before the message is dead-lettered with
     *                        {@link DeadLetterHeaders#RETRIES_EXHAUSTED}
     * @param dedupRetention  how long processed {@code ce_id}s are remembered; a redelivery older than this is
     *                        processed again
     * @param deadLetterTimeout how long to wait for the broker to acknowledge a dead letter
     */
    public record Consumer(
            @Nullable String group,
            @DefaultValue("1") int concurrency,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double backoffMultiplier,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("10") int maxRetries,
            @DefaultValue("30d") Duration dedupRetention,
            @DefaultValue("30s") Duration deadLetterTimeout) {

        public Consumer {
            require(concurrency >= 1, "calbridge.messaging.consumer.concurrency must be at least 1");
            require(backoffMultiplier >= 1.0, "calbridge.messaging.consumer.backoff-multiplier must be at least 1");
            require(maxRetries >= 0, "calbridge.messaging.consumer.max-retries must not be negative");
            require(isPositive(dedupRetention), "calbridge.messaging.consumer.dedup-retention must be positive");
            require(isPositive(deadLetterTimeout), "calbridge.messaging.consumer.dead-letter-timeout must be positive");
        }
    }

    /** Defaults for everything, as bound from an empty configuration. */
    public static MessagingSettings defaults() {
        return new MessagingSettings(
                new Outbox(true, Duration.ofMillis(100), 500, Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofMinutes(10)),
                new Consumer(null, 1, Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 10, Duration.ofDays(30), Duration.ofSeconds(30)));
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
