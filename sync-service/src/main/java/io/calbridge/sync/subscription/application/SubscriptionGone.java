package io.calbridge.sync.subscription.application;

/** Graph answered 404 for a subscription: it expired or was removed, and must be created again. */
public class SubscriptionGone extends RuntimeException {

    public SubscriptionGone(String subscriptionId) {
        super("subscription " + subscriptionId + " is gone");
    }
}
