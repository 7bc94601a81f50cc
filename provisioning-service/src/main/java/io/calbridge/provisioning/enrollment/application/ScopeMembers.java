package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import java.util.List;
import java.util.Map;

/** Writes the membership of a Graph-writable scope (administrative unit or security group), many members per request. */
public interface ScopeMembers {

    /** Adds the members; returns one outcome per user id. Blocks until all are known. */
    Map<String, MembershipOutcome> add(String tenantId, ScopeTarget scope, List<String> userIds);

    /** The scope's current members (object ids). Blocks. */
    java.util.Set<String> members(String tenantId, ScopeTarget scope);

    /** Removes the members; returns one outcome per user id. Blocks until all are known. */
    Map<String, MembershipOutcome> remove(String tenantId, ScopeTarget scope, List<String> userIds);
}
