package io.calbridge.sync.calendar.application;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the sync worker when a run was requested in this instance, so it need not wait for its next poll. */
public class SyncSignal {

    private final Semaphore signals = new Semaphore(0);

    public void signal() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /** Waits for a signal or {@code timeout}, whichever comes first. */
    public void await(Duration timeout) throws InterruptedException {
        if (signals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            signals.drainPermits();
        }
    }
}
