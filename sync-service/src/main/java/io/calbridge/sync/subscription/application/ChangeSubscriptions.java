package io.calbridge.sync.subscription.application;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Graph's {@code /subscriptions} for a mailbox's events. Graph failures surface as {@code GraphFailure}. */
public interface ChangeSubscriptions {

    /** What Graph created. */
    record Created(String subscriptionId, Instant expiresAt) {}

    /**
     * Subscribes to {@code /users/{mailboxId}/events} (created, updated, deleted). Graph validates both URLs with
     * the handshake before it answers.
     */
    Created create(String tenantId, String mailboxId, String notificationUrl, String lifecycleUrl, String clientState,
                   Instant expiresAt);

    /**
     * Extends a subscription.
     *
     * @throws SubscriptionGone when Graph no longer has it
     */
    Instant renew(String tenantId, String mailboxId, String subscriptionId, Instant expiresAt);

    /** Deletes a subscription; completes normally when it is already gone. */
    CompletableFuture<Void> delete(String tenantId, String mailboxId, String subscriptionId);
}
