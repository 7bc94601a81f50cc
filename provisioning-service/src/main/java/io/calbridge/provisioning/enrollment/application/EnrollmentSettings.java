package io.calbridge.provisioning.enrollment.application;

import java.time.Duration;

/**
 * Tuning of the enrollment worker ({@code calbridge.provisioning.enrollment.*}).
 *
 * @param pollInterval          pause between passes when idle
 * @param batchSize             enrollments taken per step and pass
 * @param lease                 how long a taken enrollment is reserved for the worker that took it
 * @param verifyTimeout         how long to wait for scope propagation before giving up (Microsoft: 30 min to 2 h)
 * @param verifyInitialBackoff  first wait between verifying reads; doubles up to {@code verifyMaxBackoff}
 * @param verifyMaxBackoff      longest wait between verifying reads
 * @param retryBackoff          first wait after a transient Graph failure; doubles
 * @param maxAttempts           transient failures of one step before giving up
 * @param linger                how long pending adds may wait to fill a whole {@code $batch} of 20
 */
public record EnrollmentSettings(Duration pollInterval, int batchSize, Duration lease, Duration verifyTimeout,
                                 Duration verifyInitialBackoff, Duration verifyMaxBackoff, Duration retryBackoff,
                                 int maxAttempts, Duration linger) {

    public static EnrollmentSettings defaults() {
        return new EnrollmentSettings(Duration.ofSeconds(1), 200, Duration.ofMinutes(5), Duration.ofHours(3),
                Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10), 8, Duration.ofMillis(500));
    }

    /** Requests per {@code $batch}. */
    public static final int BATCH_REQUESTS = 20;

    /** Exponential back-off from {@code initial}, capped. */
    static Duration backoff(Duration initial, Duration max, int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration d = initial.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}
