package io.calbridge.emulator;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the emulator runs. Every Microsoft limit is configurable; the defaults are the documented values
 * of GRAPH-FACTS.md. {@code timeScale} divides every throttling window and Retry-After (60 turns
 * "10,000 per 10 minutes" into "10,000 per 10 seconds"); the explicit delays below are wall-clock.
 *
 * @param httpPort                   plain-http port for Graph and the control plane; 0 picks a free one
 * @param httpsPort                  https port for Entra ID (and Graph); 0 picks a free one
 * @param scopePropagation           how long an access decision (policy, RBAC scope) is cached per app and mailbox
 * @param mailboxConcurrency         concurrent requests per app and mailbox (Outlook: 4)
 * @param mailboxRequests            requests per app and mailbox per {@code mailboxWindow} (Outlook: 10,000 / 10 min)
 * @param directoryWrites            directory writes per app and tenant per {@code directoryWindow} (3,000 / 150 s)
 * @param subscriptionWrites         subscription POST/PATCH/DELETE per app and tenant per 20 s (1,000)
 * @param subscriptionMaxMinutes     the maximum subscription lifetime for events (4,230 minutes by default)
 * @param notificationDelay          delay before a change notification is delivered
 * @param roomResponseDelay          delay before a room's booking assistant answers an invitation
 * @param notificationRetryWindow    how long failed deliveries are retried (4 h in Graph)
 * @param notificationRetryInterval  the first retry delay; doubles up to 10 minutes
 * @param deltaTokenLifetime         delta and skip tokens older than this get 410 syncStateNotFound
 * @param duplicateTransactionId     what a POST with a known transactionId gets (undocumented by Microsoft)
 * @param seedFile                   a seed applied at start, or null
 * @param stateDir                   where the certificate PEM and trust store are written; null means a temp dir
 * @param bindAddress                the address both servers listen on: {@code 127.0.0.1} by default, {@code 0.0.0.0}
 *                                   in a container that other containers call
 * @param publicHost                 the host name in the URLs the emulator hands out and in its certificate's names
 *                                   (besides localhost and 127.0.0.1), e.g. the compose service name
 */
public record EmulatorOptions(int httpPort, int httpsPort, double timeScale, Duration scopePropagation,
                              int mailboxConcurrency, int mailboxRequests, Duration mailboxWindow,
                              int directoryWrites, Duration directoryWindow, int subscriptionWrites,
                              long subscriptionMaxMinutes, Duration notificationDelay, Duration roomResponseDelay,
                              Duration notificationRetryWindow, Duration notificationRetryInterval,
                              Duration deltaTokenLifetime, DuplicateTransactionId duplicateTransactionId,
                              @Nullable Path seedFile, @Nullable Path stateDir, String bindAddress, String publicHost) {

    /** Outcome of re-POSTing an event with a transactionId already used in that mailbox. */
    public enum DuplicateTransactionId {
        /** 201 with the event created first, nothing new stored (what clients observe in practice). */
        RETURN_EXISTING,
        /** 409 ErrorDuplicateTransactionId. */
        CONFLICT
    }

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, 0, 1.0, Duration.ZERO, 4, 10_000, Duration.ofMinutes(10), 3_000,
                Duration.ofSeconds(150), 1_000, 4_230, Duration.ZERO, Duration.ZERO, Duration.ofHours(4),
                Duration.ofSeconds(1), Duration.ofDays(7), DuplicateTransactionId.RETURN_EXISTING, null, null,
                "127.0.0.1", "127.0.0.1");
    }

    public Builder toBuilder() { return new Builder(this); }

    /** Scales a Microsoft window by {@link #timeScale}; never below one millisecond. */
    public Duration scaled(Duration d) {
        long ms = (long) Math.ceil(d.toMillis() / timeScale);
        return Duration.ofMillis(Math.max(1, ms));
    }

    /** Mutable copy for tests and {@code main}. */
    public static final class Builder {
        private int httpPort, httpsPort, mailboxConcurrency, mailboxRequests, directoryWrites, subscriptionWrites;
        private double timeScale;
        private long subscriptionMaxMinutes;
        private Duration scopePropagation, mailboxWindow, directoryWindow, notificationDelay, roomResponseDelay,
                notificationRetryWindow, notificationRetryInterval, deltaTokenLifetime;
        private DuplicateTransactionId duplicateTransactionId;
        private @Nullable Path seedFile, stateDir;
        private String bindAddress, publicHost;

        private Builder(EmulatorOptions o) {
            httpPort = o.httpPort; httpsPort = o.httpsPort; timeScale = o.timeScale; scopePropagation = o.scopePropagation;
            mailboxConcurrency = o.mailboxConcurrency; mailboxRequests = o.mailboxRequests; mailboxWindow = o.mailboxWindow;
            directoryWrites = o.directoryWrites; directoryWindow = o.directoryWindow; subscriptionWrites = o.subscriptionWrites;
            subscriptionMaxMinutes = o.subscriptionMaxMinutes; notificationDelay = o.notificationDelay;
            roomResponseDelay = o.roomResponseDelay; notificationRetryWindow = o.notificationRetryWindow;
            notificationRetryInterval = o.notificationRetryInterval; deltaTokenLifetime = o.deltaTokenLifetime;
            duplicateTransactionId = o.duplicateTransactionId; seedFile = o.seedFile; stateDir = o.stateDir;
            bindAddress = o.bindAddress; publicHost = o.publicHost;
        }

        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        public Builder timeScale(double v) {
            if (v <= 0) throw new IllegalArgumentException("timeScale must be positive");
            timeScale = v; return this;
        }
        public Builder scopePropagation(Duration v) { scopePropagation = v; return this; }
        public Builder mailboxConcurrency(int v) { mailboxConcurrency = v; return this; }
        public Builder mailboxRequests(int v, Duration window) { mailboxRequests = v; mailboxWindow = window; return this; }
        public Builder directoryWrites(int v, Duration window) { directoryWrites = v; directoryWindow = window; return this; }
        public Builder subscriptionWrites(int v) { subscriptionWrites = v; return this; }
        public Builder subscriptionMaxMinutes(long v) { subscriptionMaxMinutes = v; return this; }
        public Builder notificationDelay(Duration v) { notificationDelay = v; return this; }
        public Builder roomResponseDelay(Duration v) { roomResponseDelay = v; return this; }
        public Builder notificationRetry(Duration window, Duration firstInterval) {
            notificationRetryWindow = window; notificationRetryInterval = firstInterval; return this;
        }
        public Builder deltaTokenLifetime(Duration v) { deltaTokenLifetime = v; return this; }
        public Builder duplicateTransactionId(DuplicateTransactionId v) { duplicateTransactionId = v; return this; }
        public Builder seedFile(@Nullable Path v) { seedFile = v; return this; }
        public Builder stateDir(@Nullable Path v) { stateDir = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder publicHost(String v) { publicHost = v; return this; }

        public EmulatorOptions build() {
            return new EmulatorOptions(httpPort, httpsPort, timeScale, scopePropagation, mailboxConcurrency, mailboxRequests,
                    mailboxWindow, directoryWrites, directoryWindow, subscriptionWrites, subscriptionMaxMinutes,
                    notificationDelay, roomResponseDelay, notificationRetryWindow, notificationRetryInterval,
                    deltaTokenLifetime, duplicateTransactionId, seedFile, stateDir, bindAddress, publicHost);
        }
    }
}
