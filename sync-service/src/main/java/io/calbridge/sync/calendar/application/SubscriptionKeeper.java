package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.Mailbox;

/** Keeps a mailbox's change-notification subscription; implemented by the subscription feature. */
public interface SubscriptionKeeper {

    /**
     * Creates the subscription when there is none (or it expired or was removed) and renews it when due, or at once
     * when {@code renewNow}. Failures are recorded as the subscription's health, not thrown.
     */
    void keep(Mailbox mailbox, boolean renewNow);

    /** Forgets the subscription in the caller's transaction and deletes it in Graph once that commits. */
    void forget(String tenantId, String mailboxId);
}
