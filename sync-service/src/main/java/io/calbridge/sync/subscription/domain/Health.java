package io.calbridge.sync.subscription.domain;

/** How a mailbox's subscription is doing. */
public enum Health {
    /** Live in Graph and renewed in time. */
    ACTIVE,
    /** Graph removed it (lifecycle {@code subscriptionRemoved}, 404 or expiry); it is being recreated. */
    REMOVED,
    /** The last create or renewal failed; see the error. The sweep still catches changes. */
    FAILING
}
