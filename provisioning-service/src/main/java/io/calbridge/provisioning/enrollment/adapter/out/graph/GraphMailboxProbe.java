package io.calbridge.provisioning.enrollment.adapter.out.graph;

import com.microsoft.graph.models.User;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.provisioning.enrollment.application.MailboxProbe;
import io.calbridge.provisioning.enrollment.application.ProbeOutcome;
import io.calbridge.provisioning.platform.FallbackTenantGraphs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Verifies access with {@code GET /users/{id}/events?$top=1&$select=id}: a real read of the mailbox's calendar. */
@Component
public class GraphMailboxProbe implements MailboxProbe {

    private final FallbackTenantGraphs graphs;

    public GraphMailboxProbe(FallbackTenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public Map<String, ProbeOutcome> read(String tenantId, List<String> mailboxes) {
        Map<String, ProbeOutcome> out = new LinkedHashMap<>();
        TenantGraph graph;
        try {
            graph = graphs.forTenant(tenantId);
        } catch (RuntimeException e) {
            mailboxes.forEach(m -> out.put(m, GraphOutcomes.probe(e)));
            return out;
        }
        Map<String, CompletableFuture<ProbeOutcome>> pending = new LinkedHashMap<>();
        for (String mailbox : mailboxes) {
            pending.put(mailbox, graph.call(new GraphTarget.Mailbox(mailbox), Priority.BACKGROUND, sdk ->
                            sdk.users().byUserId(mailbox).events().get(rc -> {
                                rc.queryParameters.top = 1;
                                rc.queryParameters.select = new String[] {"id"};
                            }))
                    .<ProbeOutcome>thenApply(events -> new ProbeOutcome.Readable())
                    .exceptionally(GraphOutcomes::probe));
        }
        pending.forEach((mailbox, future) -> out.put(mailbox, future.join()));
        return out;
    }

    @Override
    public Optional<String> mailOf(String tenantId, String userId) {
        try {
            User user = graphs.forTenant(tenantId).call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk ->
                    sdk.users().byUserId(userId).get(rc -> rc.queryParameters.select = new String[] {"id", "mail", "userPrincipalName"}))
                    .join();
            return Optional.ofNullable(user == null ? null : user.getMail());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
