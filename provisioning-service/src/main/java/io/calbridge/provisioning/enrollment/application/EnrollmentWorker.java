package io.calbridge.provisioning.enrollment.application;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ProcessEnrollments} on two virtual threads (scope writes, verifying reads): straight away while there is work, every
 * {@code poll-interval} when idle. Work recorded before a restart is picked up on start, since it is all in the
 * database. Turn off with {@code calbridge.provisioning.enrollment.worker-enabled=false}.
 */
@Component
public class EnrollmentWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentWorker.class);

    private final ProcessEnrollments process;
    private final EnrollmentSettings settings;
    private final boolean enabled;
    private volatile boolean running;
    private volatile List<Thread> threads = List.of();

    public EnrollmentWorker(ProcessEnrollments process, EnrollmentSettings settings,
                            @Value("${calbridge.provisioning.enrollment.worker-enabled:true}") boolean enabled) {
        this.process = process;
        this.settings = settings;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled) {
            log.info("Enrollment worker disabled");
            return;
        }
        running = true;
        // Writes and verifying reads run apart, so the directory write budget never idles while mailboxes are read.
        threads = List.of(
                Thread.ofVirtual().name("enrollment-writes").start(() -> loop(process::runScopeWrites)),
                Thread.ofVirtual().name("enrollment-verifications").start(() -> loop(process::runVerifications)));
    }

    private void loop(IntSupplier pass) {
        while (running) {
            int done;
            try {
                done = pass.getAsInt();
            } catch (RuntimeException e) {
                log.warn("Enrollment pass failed; retrying after {}: {}", settings.pollInterval(), e.toString());
                done = 0;
            }
            if (done == 0 && running) {
                LockSupport.parkNanos(settings.pollInterval().toNanos());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : threads) {
            LockSupport.unpark(t);
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the datasource and the outbox relay.
        return Integer.MAX_VALUE - 100;
    }
}
