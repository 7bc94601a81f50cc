package io.calbridge.sync.subscription.domain;

import java.time.Instant;

/** A notification Graph delivered for one of our subscriptions, after its clientState was checked. */
public sealed interface Notification permits Notification.Changed, Notification.Lifecycle {

    String tenantId();

    String mailboxId();

    String subscriptionId();

    /**
     * An event of the mailbox was created, updated or deleted.
     *
     * @param receivedAt when the webhook received it, the start of {@code calbridge.sync.notification.latency}
     */
    record Changed(String tenantId, String mailboxId, String subscriptionId, String changeType, String eventId,
                   Instant receivedAt) implements Notification {}

    /** {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}. */
    record Lifecycle(String tenantId, String mailboxId, String subscriptionId, String event) implements Notification {}
}
