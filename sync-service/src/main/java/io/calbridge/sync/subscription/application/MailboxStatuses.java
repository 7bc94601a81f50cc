package io.calbridge.sync.subscription.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A read model of each connected mailbox's sync and subscription health, for operators. */
public interface MailboxStatuses {

    /**
     * @param windowStart         start of the current delta window; null before the first round
     * @param lastSyncedAt        when a delta page was last applied; null before
     * @param lastError           why the last run failed; null when it did not
     * @param subscriptionHealth  {@code ACTIVE}, {@code REMOVED}, {@code FAILING}, or null before the first upkeep
     */
    record MailboxStatus(String mailboxId, String address, String kind, Instant connectedAt, Instant windowStart,
                         Instant windowEnd, boolean baselineInProgress, Instant lastSyncedAt, String lastError,
                         String subscriptionHealth, Instant subscriptionExpiresAt, String subscriptionError) {}

    /**
     * What the metrics need of one connected mailbox, in any tenant.
     *
     * @param lastSyncedAt       when a delta page was last applied; null before the first
     * @param subscriptionHealth {@code ACTIVE}, {@code REMOVED}, {@code FAILING}, or null before the first upkeep
     */
    record MailboxHealth(String tenantId, String mailboxId, Instant connectedAt, Instant lastSyncedAt,
                         String subscriptionHealth) {}

    List<MailboxStatus> ofTenant(String tenantId);

    /** Every connected mailbox of every tenant. */
    List<MailboxHealth> everyMailbox();

    Optional<MailboxStatus> of(String tenantId, String mailboxId);
}
