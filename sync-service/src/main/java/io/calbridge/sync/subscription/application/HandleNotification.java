package io.calbridge.sync.subscription.application;

import io.calbridge.sync.calendar.application.Mailboxes;
import io.calbridge.sync.calendar.application.RequestSync;
import io.calbridge.sync.calendar.application.SyncRequests;
import io.calbridge.sync.subscription.domain.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning instance's handling of a queued notification, in the consumer's transaction. Changes coalesce per
 * mailbox into one pending delta run (duplicates and bursts cost one round); lifecycle events renew
 * ({@code reauthorizationRequired}), recreate ({@code subscriptionRemoved}) or catch up ({@code missed}).
 */
public class HandleNotification {

    private static final Logger log = LoggerFactory.getLogger(HandleNotification.class);

    private final Mailboxes mailboxes;
    private final Subscriptions subscriptions;
    private final RequestSync requestSync;
    private final MeterRegistry meters;
    private final Clock clock;

    public HandleNotification(Mailboxes mailboxes, Subscriptions subscriptions, RequestSync requestSync, MeterRegistry meters,
                              Clock clock) {
        this.mailboxes = mailboxes;
        this.subscriptions = subscriptions;
        this.requestSync = requestSync;
        this.meters = meters;
        this.clock = clock;
    }

    public void handle(Notification notification) {
        if (mailboxes.find(notification.tenantId(), notification.mailboxId()).isEmpty()) {
            meters.counter("sync.notifications.dropped", "reason", "mailbox_not_connected").increment();
            log.info("Notification for {}/{} dropped: mailbox not connected", notification.tenantId(), notification.mailboxId());
            return;
        }
        String tenantId = notification.tenantId();
        String mailboxId = notification.mailboxId();
        switch (notification) {
            case Notification.Changed c -> requestSync.request(new SyncRequests.Request(tenantId, mailboxId, "notification", false,
                    false, c.receivedAt()));
            case Notification.Lifecycle l -> {
                switch (String.valueOf(l.event())) {
                    case "reauthorizationRequired" ->
                            requestSync.request(new SyncRequests.Request(tenantId, mailboxId, "reauthorization-required", false, true));
                    case "subscriptionRemoved" -> {
                        subscriptions.markRemoved(l.subscriptionId(), clock.instant());
                        requestSync.request(new SyncRequests.Request(tenantId, mailboxId, "subscription-removed", false, true));
                    }
                    case "missed" -> requestSync.request(new SyncRequests.Request(tenantId, mailboxId, "missed", false, false));
                    default -> {
                        meters.counter("sync.notifications.dropped", "reason", "unknown_lifecycle_event").increment();
                        log.info("Unknown lifecycle event {} for {}/{} ignored", l.event(), tenantId, mailboxId);
                        return;
                    }
                }
                log.info("Lifecycle {} for subscription {} of {}/{}", l.event(), l.subscriptionId(), tenantId, mailboxId);
            }
        }
    }
}
