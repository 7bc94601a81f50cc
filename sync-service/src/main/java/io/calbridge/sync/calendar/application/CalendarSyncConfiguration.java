package io.calbridge.sync.calendar.application;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires calendar sync's use cases explicitly; its adapters are components found by scanning. Lives in
 * {@code application} because the hexagon rule lets only adapters reach in from outside.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncSettings.class)
@EnableScheduling
public class CalendarSyncConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec("/sync-service");
    }

    @Bean
    TransactionTemplate syncTransactions(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    SyncSignal syncSignal() {
        return new SyncSignal();
    }

    @Bean
    RequestSync requestSync(SyncRequests requests, SyncSignal signal, Clock clock) {
        return new RequestSync(requests, signal, clock);
    }

    @Bean
    SyncMailbox syncMailbox(Mailboxes mailboxes, CalendarItems items, CalendarChanges changes, MailboxCalendar calendar,
                            Correlations correlations,
                            TransactionTemplate syncTransactions, Clock clock, SyncSettings settings) {
        return new SyncMailbox(mailboxes, items, changes, calendar, correlations, syncTransactions, clock, settings.window().back(),
                settings.window().ahead(), settings.window().rollAfter());
    }

    @Bean
    ConnectMailbox connectMailbox(Mailboxes mailboxes, CalendarItems items, SyncRequests requests, RequestSync requestSync,
                                  SubscriptionKeeper subscriptions) {
        return new ConnectMailbox(mailboxes, items, requests, requestSync, subscriptions);
    }

    @Bean
    SyncWorker syncWorker(SyncRequests requests, Mailboxes mailboxes, SyncMailbox syncMailbox, SubscriptionKeeper subscriptions,
                          SyncSignal signal, TransactionTemplate syncTransactions, Clock clock, SyncSettings settings,
                          MeterRegistry meters) {
        SyncSettings.Worker w = settings.worker();
        return new SyncWorker(requests, mailboxes, syncMailbox, subscriptions, signal, syncTransactions, clock,
                w.instanceId().isBlank() ? instanceName() : w.instanceId().strip(), w.concurrency(), w.pollInterval(), w.lease(), w.maxBackoff(), meters);
    }

    @Bean
    SweepMailboxes sweepMailboxes(Mailboxes mailboxes, RequestSync requestSync, TransactionTemplate syncTransactions) {
        return new SweepMailboxes(mailboxes, requestSync, syncTransactions);
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "sync";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
