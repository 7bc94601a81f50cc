package io.calbridge.sync.subscription.application;

import io.calbridge.sync.calendar.application.Mailboxes;
import io.calbridge.sync.calendar.application.RequestSync;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the subscription use cases; the webhook, consumer and Graph/JDBC adapters are scanned components. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionSettings.class)
public class SubscriptionConfiguration {

    @Bean
    KeepSubscriptions keepSubscriptions(Subscriptions subscriptions, ChangeSubscriptions graph, RequestSync requestSync,
                                        TransactionTemplate syncTransactions, Clock clock, SubscriptionSettings settings,
                                        Environment environment) {
        return new KeepSubscriptions(subscriptions, graph, requestSync, syncTransactions, clock, settings.lifetime(),
                () -> webhookBaseUrl(environment));
    }

    /** {@code sync.webhook.base-url}, or http://127.0.0.1 with the port the server actually listens on. */
    static String webhookBaseUrl(Environment environment) {
        String configured = environment.getProperty("sync.webhook.base-url", "");
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8082"));
        return "http://127.0.0.1:" + port;
    }

    @Bean
    ReceiveNotifications receiveNotifications(Subscriptions subscriptions, NotificationQueue queue,
                                              TransactionTemplate syncTransactions, MeterRegistry meters, Clock clock) {
        return new ReceiveNotifications(subscriptions, queue, syncTransactions, meters, clock);
    }

    @Bean
    SyncGauges syncGauges(MailboxStatuses statuses, MeterRegistry meters, Clock clock) {
        return new SyncGauges(statuses, meters, clock);
    }

    @Bean
    HandleNotification handleNotification(Mailboxes mailboxes, Subscriptions subscriptions, RequestSync requestSync,
                                          MeterRegistry meters, Clock clock) {
        return new HandleNotification(mailboxes, subscriptions, requestSync, meters, clock);
    }
}
