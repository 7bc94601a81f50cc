package io.calbridge.sync.calendar.application;

import java.time.Clock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Asks for a delta run of a mailbox: recorded durably, coalesced per mailbox, and the worker is woken on commit. */
public class RequestSync {

    private final SyncRequests requests;
    private final SyncSignal signal;
    private final Clock clock;

    public RequestSync(SyncRequests requests, SyncSignal signal, Clock clock) {
        this.requests = requests;
        this.signal = signal;
        this.clock = clock;
    }

    public void request(SyncRequests.Request request) {
        requests.request(request, clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.signal();
                }
            });
        } else {
            signal.signal();
        }
    }
}
