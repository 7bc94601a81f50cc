package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.Mailbox;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops syncing a mailbox as provisioning connects and disconnects it. Runs in the caller's transaction;
 * the initial sync itself runs later on the worker.
 */
public class ConnectMailbox {

    private static final Logger log = LoggerFactory.getLogger(ConnectMailbox.class);

    private final Mailboxes mailboxes;
    private final CalendarItems items;
    private final SyncRequests requests;
    private final RequestSync requestSync;
    private final SubscriptionKeeper subscriptions;

    public ConnectMailbox(Mailboxes mailboxes, CalendarItems items, SyncRequests requests, RequestSync requestSync,
                          SubscriptionKeeper subscriptions) {
        this.mailboxes = mailboxes;
        this.items = items;
        this.requests = requests;
        this.requestSync = requestSync;
        this.subscriptions = subscriptions;
    }

    /** Records the mailbox as connected and asks for its initial sync (which also creates its subscription). */
    public void connect(Mailbox mailbox, Instant at) {
        mailboxes.connect(mailbox, at);
        requestSync.request(new SyncRequests.Request(mailbox.tenantId(), mailbox.mailboxId(), "connected", false, true));
        log.info("Mailbox {}/{} ({}) connected; initial sync requested", mailbox.tenantId(), mailbox.mailboxId(), mailbox.kind());
    }

    /** Deletes the subscription and purges the mailbox's state; nothing is reported for its events. */
    public void disconnect(String tenantId, String mailboxId) {
        subscriptions.forget(tenantId, mailboxId);
        items.purge(tenantId, mailboxId);
        requests.forget(tenantId, mailboxId);
        boolean known = mailboxes.delete(tenantId, mailboxId);
        log.info("Mailbox {}/{} disconnected{}", tenantId, mailboxId, known ? "; state purged" : " (was not connected)");
    }
}
