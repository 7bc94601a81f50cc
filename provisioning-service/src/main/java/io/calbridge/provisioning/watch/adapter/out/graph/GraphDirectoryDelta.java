package io.calbridge.provisioning.watch.adapter.out.graph;

import com.microsoft.graph.models.User;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.provisioning.platform.FallbackTenantGraphs;
import io.calbridge.provisioning.watch.application.DirectoryDelta;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code GET /users/delta?$select=…}, following {@code @odata.nextLink} to the {@code @odata.deltaLink}. */
@Component
public class GraphDirectoryDelta implements DirectoryDelta {

    private static final String[] SELECT = {"id", "userPrincipalName", "mail", "displayName", "department", "accountEnabled"};

    private final FallbackTenantGraphs graphs;

    public GraphDirectoryDelta(FallbackTenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public Page changesSince(String tenantId, String deltaLink) {
        TenantGraph graph = graphs.forTenant(tenantId);
        List<UserChange> changes = new ArrayList<>();
        DeltaGetResponse page = deltaLink == null
                ? graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk -> sdk.users().delta().get(rc -> rc.queryParameters.select = SELECT)).join()
                : graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk -> sdk.users().delta().withUrl(deltaLink).get()).join();
        while (true) {
            if (page.getValue() != null) {
                for (User u : page.getValue()) {
                    boolean removed = u.getAdditionalData() != null && u.getAdditionalData().containsKey("@removed");
                    changes.add(new UserChange(u.getId(), u.getUserPrincipalName(), u.getMail(), u.getDisplayName(), u.getDepartment(),
                            !Boolean.FALSE.equals(u.getAccountEnabled()), removed));
                }
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                return new Page(changes, page.getOdataDeltaLink());
            }
            page = graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk -> sdk.users().delta().withUrl(next).get()).join();
        }
    }
}
