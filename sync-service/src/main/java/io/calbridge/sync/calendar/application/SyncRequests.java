package io.calbridge.sync.calendar.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of delta runs, one row per mailbox: requests for a mailbox coalesce, and a request made while a
 * run is in progress causes exactly one more run.
 */
public interface SyncRequests {

    /**
     * Why a run was asked for; the strongest flags of coalesced requests win.
     *
     * @param notifiedAt when the change notification behind this request reached the webhook; null for requests
     *                   that no notification caused. Coalesced requests keep the earliest.
     */
    record Request(String tenantId, String mailboxId, String reason, boolean rebaseline, boolean checkSubscription,
                   Instant notifiedAt) {

        /** A request that no change notification caused. */
        public Request(String tenantId, String mailboxId, String reason, boolean rebaseline, boolean checkSubscription) {
            this(tenantId, mailboxId, reason, rebaseline, checkSubscription, null);
        }
    }

    /**
     * A run this instance may do until {@code leaseUntil}.
     *
     * @param notifiedAt  when the earliest change notification this run answers reached the webhook; null when none
     * @param traceparent W3C {@code traceparent} of the trace the first of its requests was made in (a notification's,
     *                    an {@code AccountConnected}'s), which the run continues; null when none was
     */
    record Claimed(String tenantId, String mailboxId, String reason, boolean rebaseline, boolean checkSubscription,
                   long generation, int attempts, Instant notifiedAt, String traceparent) {

        /** A claimed run that no change notification caused, made outside any trace. */
        public Claimed(String tenantId, String mailboxId, String reason, boolean rebaseline, boolean checkSubscription,
                       long generation, int attempts) {
            this(tenantId, mailboxId, reason, rebaseline, checkSubscription, generation, attempts, null, null);
        }
    }

    /** Records a request, together with the trace current on this thread (if any) for the run to continue. */
    void request(Request request, Instant at);

    /** Claims up to {@code max} due runs for {@code owner} for {@code lease}. */
    List<Claimed> claim(String owner, int max, Duration lease, Instant now);

    /**
     * Extends the leases of runs {@code owner} is still doing to {@code now + lease}: the heartbeat that keeps a long
     * run's claim while letting a dead instance's claims lapse one lease after its last renewal.
     *
     * @return the runs whose claim was extended; a run missing from it no longer holds its claim
     */
    List<Claimed> renew(String owner, List<Claimed> running, Duration lease, Instant now);

    /**
     * Releases every claim held by {@code owner}, for an instance starting under a stable name its previous process
     * used: those runs died with that process.
     *
     * @return the claims released
     */
    int releaseAll(String owner);

    /** The run is done: the row goes unless a newer request came in meanwhile. */
    void complete(Claimed claimed);

    /** The run failed: try again not before {@code notBefore}. */
    void retryLater(Claimed claimed, Instant notBefore, Instant now);

    /** Drops any pending run of a mailbox. */
    void forget(String tenantId, String mailboxId);
}
