package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety sweep: a delta run for every connected mailbox, because change notifications get lost. The same run
 * rolls a mailbox's window forward when it is due.
 */
public class SweepMailboxes {

    private static final Logger log = LoggerFactory.getLogger(SweepMailboxes.class);

    private final Mailboxes mailboxes;
    private final RequestSync requestSync;
    private final TransactionTemplate tx;

    public SweepMailboxes(Mailboxes mailboxes, RequestSync requestSync, TransactionTemplate tx) {
        this.mailboxes = mailboxes;
        this.requestSync = requestSync;
        this.tx = tx;
    }

    @Scheduled(initialDelayString = "${sync.sweep-interval:PT1H}", fixedDelayString = "${sync.sweep-interval:PT1H}")
    public int sweep() {
        int count = tx.execute(status -> {
            int n = 0;
            for (Mailbox mailbox : mailboxes.all()) {
                requestSync.request(new SyncRequests.Request(mailbox.tenantId(), mailbox.mailboxId(), "sweep", false, false));
                n++;
            }
            return n;
        });
        log.info("Safety sweep requested a delta run for {} mailbox(es)", count);
        return count;
    }
}
