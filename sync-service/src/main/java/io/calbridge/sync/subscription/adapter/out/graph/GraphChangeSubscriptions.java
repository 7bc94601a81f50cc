package io.calbridge.sync.subscription.adapter.out.graph;

import com.microsoft.graph.models.Subscription;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.sync.subscription.application.ChangeSubscriptions;
import io.calbridge.sync.subscription.application.SubscriptionGone;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * {@link ChangeSubscriptions} through the shared Graph access layer. Calls are paced on the mailbox's budget, so
 * subscription upkeep never competes with more than Outlook's four concurrent requests per mailbox.
 */
@Component
public class GraphChangeSubscriptions implements ChangeSubscriptions {

    private final TenantGraphs graphs;

    public GraphChangeSubscriptions(TenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public Created create(String tenantId, String mailboxId, String notificationUrl, String lifecycleUrl, String clientState,
                          Instant expiresAt) {
        Subscription body = new Subscription();
        body.setChangeType("created,updated,deleted");
        body.setResource("users/" + mailboxId + "/events");
        body.setNotificationUrl(notificationUrl);
        body.setLifecycleNotificationUrl(lifecycleUrl);
        body.setClientState(clientState);
        body.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        body.setLatestSupportedTlsVersion("v1_2");
        Subscription created = join(graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND,
                sdk -> sdk.subscriptions().post(body)));
        Instant expires = created.getExpirationDateTime() == null ? expiresAt : created.getExpirationDateTime().toInstant();
        return new Created(created.getId(), expires);
    }

    @Override
    public Instant renew(String tenantId, String mailboxId, String subscriptionId, Instant expiresAt) {
        Subscription patch = new Subscription();
        patch.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        try {
            Subscription renewed = join(graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND,
                    sdk -> sdk.subscriptions().bySubscriptionId(subscriptionId).patch(patch)));
            return renewed == null || renewed.getExpirationDateTime() == null ? expiresAt : renewed.getExpirationDateTime().toInstant();
        } catch (GraphFailure.NotFound gone) {
            throw new SubscriptionGone(subscriptionId);
        }
    }

    @Override
    public CompletableFuture<Void> delete(String tenantId, String mailboxId, String subscriptionId) {
        try {
            return graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailboxId), Priority.BACKGROUND, sdk -> {
                sdk.subscriptions().bySubscriptionId(subscriptionId).delete();
                return (Void) null;
            }).exceptionally(e -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof GraphFailure.NotFound) {
                    return null;
                }
                throw e instanceof CompletionException c ? c : new CompletionException(e);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
