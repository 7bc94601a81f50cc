package io.calbridge.sync.subscription.domain;

import java.time.Instant;

/**
 * A mailbox's change-notification subscription.
 *
 * @param subscriptionId  Graph's id; null when none exists yet
 * @param clientStateHash SHA-256 of the clientState; null when none exists yet
 * @param renewAt         when to renew: about half-way through its lifetime
 * @param lastError       why the last create or renewal failed; null when it did not
 */
public record MailboxSubscription(String tenantId, String mailboxId, String subscriptionId, String clientStateHash,
                                  Instant expiresAt, Instant renewAt, Health health, String lastError) {

    /** Whether a new subscription is needed rather than a renewal. */
    public boolean needsCreate(Instant now) {
        return subscriptionId == null || health == Health.REMOVED || expiresAt == null || !expiresAt.isAfter(now);
    }

    /** Whether it is time to renew. */
    public boolean dueForRenewal(Instant now) {
        return renewAt == null || !renewAt.isAfter(now);
    }
}
