package io.calbridge.sync.subscription.application;

import io.calbridge.sync.subscription.domain.MailboxSubscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One subscription record per mailbox: its Graph id, clientState hash, lifetime and health. */
public interface Subscriptions {

    Optional<MailboxSubscription> find(String tenantId, String mailboxId);

    Optional<MailboxSubscription> findById(String subscriptionId);

    void save(MailboxSubscription subscription, Instant at);

    /** Marks a subscription Graph removed, so the next upkeep recreates it. */
    void markRemoved(String subscriptionId, Instant at);

    void delete(String tenantId, String mailboxId);

    /** Subscriptions due for renewal or not healthy. */
    List<MailboxSubscription> due(Instant now);
}
