package io.calbridge.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the messaging kernel into a Spring Boot service that has a {@code DataSource}: the {@link Outbox}, the
 * {@link OutboxRelay}, a consumer for every {@link InboundEventHandler} bean, and housekeeping. The kernel's tables
 * come from Flyway migrations at {@code classpath:db/kernel} (versions below 1), which the service adds to
 * {@code spring.flyway.locations}.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({MessagingSettings.class, KafkaProperties.class})
public class MessagingAutoConfiguration {

    @Bean
    Outbox outbox(DataSource dataSource) {
        return new Outbox(new JdbcTemplate(dataSource));
    }

    @Bean
    KafkaClients calbridgeKafkaClients(KafkaProperties kafka) {
        return new KafkaClients(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
    }

    @Bean
    @ConditionalOnProperty(name = "calbridge.messaging.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
                            KafkaClients clients, MessagingSettings settings, ObjectProvider<MeterRegistry> meters) {
        Duration timeout = settings.outbox().sendTimeout();
        return new OutboxRelay(new JdbcTemplate(dataSource), transactionManager,
                () -> clients.producer("outbox-relay", timeout), settings.outbox(), meters(meters));
    }

    @Bean
    Housekeeping calbridgeMessagingHousekeeping(DataSource dataSource, MessagingSettings settings,
                                                ObjectProvider<MeterRegistry> meters) {
        var jdbc = new JdbcTemplate(dataSource);
        MeterRegistry registry = meters(meters);
        Gauge.builder("calbridge.outbox.backlog", jdbc,
                        j -> count(j, "SELECT count(*) FROM outbox WHERE published_at IS NULL"))
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("calbridge.outbox.lag", jdbc, Housekeeping::lagSecondsOf)
                .description("Age in seconds of the oldest unpublished outbox row, 0 when drained").baseUnit("seconds")
                .register(registry);
        return new Housekeeping(jdbc, settings, Clock.systemUTC());
    }

    @Bean
    InboundListeners calbridgeInboundListeners(ObjectProvider<InboundEventHandler> handlerBeans, Environment environment,
                                               KafkaClients clients, DataSource dataSource,
                                               PlatformTransactionManager transactionManager, MessagingSettings settings,
                                               ObjectProvider<MeterRegistry> meters) {
        List<InboundEventHandler> handlers = handlerBeans.orderedStream().toList();
        Set<String> topics = new HashSet<>();
        for (InboundEventHandler handler : handlers) {
            if (!topics.add(handler.topic())) {
                throw new IllegalStateException("More than one InboundEventHandler for topic " + handler.topic()
                        + ": they would share one consumer group and split its partitions");
            }
        }
        String group = settings.consumer().group() != null
                ? settings.consumer().group()
                : environment.getProperty("spring.application.name");
        if (!handlers.isEmpty() && (group == null || group.isBlank())) {
            throw new IllegalStateException(
                    "InboundEventHandler beans need a consumer group: set spring.application.name or calbridge.messaging.consumer.group");
        }
        return new InboundListeners(handlers, group == null ? "" : group, clients, new JdbcTemplate(dataSource),
                transactionManager, settings.consumer(), meters(meters), Clock.systemUTC());
    }

    private static MeterRegistry meters(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
