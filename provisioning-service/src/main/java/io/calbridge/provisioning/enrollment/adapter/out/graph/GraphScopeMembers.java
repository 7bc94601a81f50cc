package io.calbridge.provisioning.enrollment.adapter.out.graph;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import io.calbridge.graph.BatchResult;
import io.calbridge.graph.BatchStep;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.provisioning.enrollment.application.MembershipOutcome;
import io.calbridge.provisioning.enrollment.application.ScopeMembers;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.platform.FallbackTenantGraphs;
import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scope membership through Graph, under graph-client's directory pacing:
 * administrative units take {@code $batch}es of {@code POST .../members/$ref} (20 per HTTP request); security groups
 * take {@code PATCH /groups/{id}} with {@code members@odata.bind} (20 per request), falling back to a {@code $batch}
 * of single adds for a chunk the PATCH refused as a whole (one member already in, or unknown). Removals are
 * {@code $batch}es of {@code DELETE .../members/{id}/$ref}.
 */
@Component
public class GraphScopeMembers implements ScopeMembers {

    private static final Logger log = LoggerFactory.getLogger(GraphScopeMembers.class);
    private static final int BIND_LIMIT = 20;

    private final FallbackTenantGraphs graphs;

    public GraphScopeMembers(FallbackTenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public Map<String, MembershipOutcome> add(String tenantId, ScopeTarget scope, List<String> userIds) {
        TenantGraph graph;
        try {
            graph = graphs.forTenant(tenantId);
        } catch (RuntimeException e) {
            return all(userIds, GraphOutcomes.add(e, null, scope.scopeId()));
        }
        if (scope.strategy() == Strategy.SECURITY_GROUP) {
            Map<String, MembershipOutcome> out = new LinkedHashMap<>();
            for (int i = 0; i < userIds.size(); i += BIND_LIMIT) {
                out.putAll(bind(graph, scope, userIds.subList(i, Math.min(userIds.size(), i + BIND_LIMIT))));
            }
            return out;
        }
        return batchAdd(graph, scope, userIds);
    }

    @Override
    public Map<String, MembershipOutcome> remove(String tenantId, ScopeTarget scope, List<String> userIds) {
        TenantGraph graph;
        try {
            graph = graphs.forTenant(tenantId);
        } catch (RuntimeException e) {
            return all(userIds, GraphOutcomes.remove(e));
        }
        return batch(graph, userIds, (sdk, userId) -> scope.strategy() == Strategy.SECURITY_GROUP
                        ? sdk.groups().byGroupId(scope.scopeId()).members().byDirectoryObjectId(userId).ref().toDeleteRequestInformation()
                        : sdk.directory().administrativeUnits().byAdministrativeUnitId(scope.scopeId()).members()
                                .byDirectoryObjectId(userId).ref().toDeleteRequestInformation(),
                (failure, userId) -> GraphOutcomes.remove(failure));
    }

    @Override
    public java.util.Set<String> members(String tenantId, ScopeTarget scope) {
        TenantGraph graph = graphs.forTenant(tenantId);
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        com.microsoft.graph.models.DirectoryObjectCollectionResponse page = graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk ->
                scope.strategy() == Strategy.SECURITY_GROUP
                        ? sdk.groups().byGroupId(scope.scopeId()).members().get(rc -> {
                            rc.queryParameters.select = new String[] {"id"};
                            rc.queryParameters.top = 999;
                        })
                        : sdk.directory().administrativeUnits().byAdministrativeUnitId(scope.scopeId()).members().get(rc -> {
                            rc.queryParameters.select = new String[] {"id"};
                            rc.queryParameters.top = 999;
                        })).join();
        while (page != null) {
            if (page.getValue() != null) {
                page.getValue().forEach(o -> ids.add(o.getId()));
            }
            String next = page.getOdataNextLink();
            page = next == null ? null : graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk ->
                    sdk.directory().administrativeUnits().byAdministrativeUnitId(scope.scopeId()).members().withUrl(next).get()).join();
        }
        return ids;
    }

    private Map<String, MembershipOutcome> bind(TenantGraph graph, ScopeTarget scope, List<String> chunk) {
        String base = graphBase(graph);
        try {
            graph.call(new GraphTarget.Directory(), Priority.BACKGROUND, sdk -> {
                Group patch = new Group();
                Map<String, Object> data = new HashMap<>();
                data.put("members@odata.bind", chunk.stream().map(id -> base + "/directoryObjects/" + id).toList());
                patch.setAdditionalData(data);
                sdk.groups().byGroupId(scope.scopeId()).patch(patch);
                return null;
            }).join();
            return all(chunk, new MembershipOutcome.Done());
        } catch (RuntimeException e) {
            MembershipOutcome outcome = GraphOutcomes.add(e, null, scope.scopeId());
            boolean perMember = outcome instanceof MembershipOutcome.Done
                    || (outcome instanceof MembershipOutcome.Failed f && f.reason() == io.calbridge.provisioning.enrollment.domain.FailureReason.USER_NOT_FOUND);
            if (perMember && chunk.size() > 1) {
                // The bind is all or nothing: find out member by member which ones are in, missing or new.
                log.debug("members@odata.bind of {} members refused ({}); adding them one by one", chunk.size(), GraphOutcomes.describe(e));
                return batchAdd(graph, scope, chunk);
            }
            return all(chunk, outcome);
        }
    }

    private Map<String, MembershipOutcome> batchAdd(TenantGraph graph, ScopeTarget scope, List<String> userIds) {
        String base = graphBase(graph);
        return batch(graph, userIds, (sdk, userId) -> {
                    ReferenceCreate ref = new ReferenceCreate();
                    ref.setOdataId(base + "/directoryObjects/" + userId);
                    return scope.strategy() == Strategy.SECURITY_GROUP
                            ? sdk.groups().byGroupId(scope.scopeId()).members().ref().toPostRequestInformation(ref)
                            : sdk.directory().administrativeUnits().byAdministrativeUnitId(scope.scopeId()).members().ref()
                                    .toPostRequestInformation(ref);
                },
                (failure, userId) -> GraphOutcomes.add(failure, userId, scope.scopeId()));
    }

    private Map<String, MembershipOutcome> batch(TenantGraph graph, List<String> userIds,
                                                 BiFunction<GraphServiceClient, String, RequestInformation> request,
                                                 BiFunction<Throwable, String, MembershipOutcome> onFailure) {
        List<BatchStep> steps = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i++) {
            steps.add(BatchStep.of(Integer.toString(i + 1), request.apply(graph.sdk(), userIds.get(i))));
        }
        BatchResult result;
        try {
            result = graph.batch(new GraphTarget.Directory(), Priority.BACKGROUND, steps).join();
        } catch (RuntimeException e) {
            Map<String, MembershipOutcome> out = new LinkedHashMap<>();
            userIds.forEach(id -> out.put(id, onFailure.apply(e, id)));
            return out;
        }
        Map<String, MembershipOutcome> out = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            BatchResult.Step step = result.step(Integer.toString(i + 1));
            String userId = userIds.get(i);
            out.put(userId, step.succeeded() ? new MembershipOutcome.Done() : onFailure.apply(step.failure(), userId));
        }
        return out;
    }

    private static Map<String, MembershipOutcome> all(List<String> userIds, MembershipOutcome outcome) {
        Map<String, MembershipOutcome> out = new LinkedHashMap<>();
        userIds.forEach(id -> out.put(id, outcome));
        return out;
    }

    /** The base URL for {@code @odata.id} references; Graph wants its own absolute URL. */
    private static String graphBase(TenantGraph graph) {
        String base = graph.sdk().getRequestAdapter().getBaseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
