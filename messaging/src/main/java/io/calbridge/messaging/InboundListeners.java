package io.calbridge.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/** One Kafka listener container per {@link InboundEventHandler} bean, started and stopped with the application. */
final class InboundListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundListeners.class);

    private final List<InboundEventHandler> handlers;
    private final String group;
    private final KafkaClients clients;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactionManager;
    private final MessagingSettings.Consumer settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();
    private final List<DeadLetterPublisher> publishers = new ArrayList<>();
    private volatile boolean running;

    InboundListeners(List<InboundEventHandler> handlers, String group, KafkaClients clients, JdbcTemplate jdbc,
                     PlatformTransactionManager transactionManager, MessagingSettings.Consumer settings,
                     MeterRegistry meters, Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.group = group;
        this.clients = clients;
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running || handlers.isEmpty()) {
            return;
        }
        Boolean tableExists = jdbc.queryForObject("SELECT to_regclass('processed_events') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(tableExists)) {
            throw new IllegalStateException(
                    "Table processed_events is missing: add classpath:db/kernel to spring.flyway.locations");
        }
        var processedEvents = new ProcessedEvents(jdbc);
        var transactions = new TransactionTemplate(transactionManager);
        for (InboundEventHandler handler : handlers) {
            var deadLetters = new DeadLetterPublisher(group,
                    clients.producer("dead-letters", settings.deadLetterTimeout()), settings.deadLetterTimeout(), clock, meters);
            publishers.add(deadLetters);
            deadLetters.registerCounters(handler.topic());

            var properties = new ContainerProperties(handler.topic());
            properties.setGroupId(group);
            properties.setMessageListener(new InboundRecordListener(handler, group, processedEvents, transactions, meters));
            properties.setAckMode(ContainerProperties.AckMode.BATCH);

            var container = new ConcurrentMessageListenerContainer<>(clients.consumerFactory(group), properties);
            container.setConcurrency(settings.concurrency());
            container.setCommonErrorHandler(errorHandler(deadLetters));
            container.setBeanName("calbridge-" + handler.topic());
            container.start();
            containers.add(container);
            log.info("Consuming {} as group {} into {}; dead letters to {}", handler.topic(), group, handler,
                    DeadLetterHeaders.topicFor(handler.topic(), group));
        }
        running = true;
    }

    private DefaultErrorHandler errorHandler(DeadLetterPublisher deadLetters) {
        var backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), settings.backoffMultiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxAttempts(settings.maxRetries());
        var errorHandler = new DefaultErrorHandler(deadLetters, backOff);
        // Only what the listener marked as transient is retried; everything else goes to the DLQ at once.
        errorHandler.defaultFalse();
        errorHandler.addRetryableExceptions(Failures.KernelRetry.class);
        errorHandler.setCommitRecovered(true);
        // The dead-letter publisher logs each outcome once; retries are logged here.
        errorHandler.setLogLevel(KafkaException.Level.DEBUG);
        errorHandler.setRetryListeners((record, failure, attempt) -> {
            if (Failures.isTransient(failure)) {
                log.warn("Attempt {} at {}-{}@{} failed transiently: {}", attempt, record.topic(), record.partition(),
                        record.offset(), Failures.unwrap(failure).toString());
            }
        });
        return errorHandler;
    }

    @Override
    public synchronized void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        publishers.forEach(DeadLetterPublisher::close);
        publishers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
