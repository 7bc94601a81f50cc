package io.calbridge.emulator.store;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change-notification subscription. {@code mailboxId} is the resolved mailbox of {@code resource}
 * ({@code users/{id}/events}); {@code changeTypes} is the parsed {@code changeType} list.
 */
public record Subscription(String id, String tenantId, String applicationId, String resource, String mailboxId,
                           Set<String> changeTypes, String changeType, String notificationUrl,
                           @Nullable String lifecycleNotificationUrl, @Nullable String clientState,
                           Instant expirationDateTime, String latestSupportedTlsVersion, String creatorId) {

    public Subscription withExpiration(Instant e) {
        return new Subscription(id, tenantId, applicationId, resource, mailboxId, changeTypes, changeType, notificationUrl,
                lifecycleNotificationUrl, clientState, e, latestSupportedTlsVersion, creatorId);
    }
}
