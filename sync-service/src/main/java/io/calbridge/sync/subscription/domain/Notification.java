package io.calbridge.sync.subscription.domain;

/** A notification Graph delivered for one of our subscriptions, after its clientState was checked. */
public sealed interface Notification permits Notification.Changed, Notification.Lifecycle {

    String tenantId();

    String mailboxId();

    String subscriptionId();

    /** An event of the mailbox was created, updated or deleted. */
    record Changed(String tenantId, String mailboxId, String subscriptionId, String changeType, String eventId)
            implements Notification {}

    /** {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}. */
    record Lifecycle(String tenantId, String mailboxId, String subscriptionId, String event) implements Notification {}
}
