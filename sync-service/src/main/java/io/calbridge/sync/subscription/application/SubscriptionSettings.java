package io.calbridge.sync.subscription.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Change-notification subscriptions ({@code sync.subscriptions.*}).
 *
 * @param lifetime      requested lifetime; Graph allows up to 4,230 minutes (older docs) or 10,080 for events, so
 *                      the default stays under both
 * @param checkInterval how often due renewals and unhealthy subscriptions are looked for
 */
@ConfigurationProperties("sync.subscriptions")
public record SubscriptionSettings(@DefaultValue("PT70H") Duration lifetime, @DefaultValue("PT5M") Duration checkInterval) {
}
