package io.calbridge.sync.subscription.application;

import io.calbridge.sync.subscription.domain.Notification;

/**
 * Hands checked notifications to the instance that owns the mailbox: {@code sync.notifications}, keyed by
 * {@code tenantId/mailboxId}, through the outbox in the caller's transaction.
 */
public interface NotificationQueue {

    void enqueue(Notification notification);
}
