package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;

/** The scope a policy puts people and rooms in. */
final class Scopes {

    private Scopes() {
    }

    static ScopeTarget forPeople(String tenantId, EnrollmentPolicy policy) {
        return target(tenantId, policy, policy.scopeObjectId());
    }

    static ScopeTarget forRooms(String tenantId, EnrollmentPolicy policy) {
        return target(tenantId, policy, policy.roomScopeObjectId());
    }

    private static ScopeTarget target(String tenantId, EnrollmentPolicy policy, String scopeId) {
        if (policy.strategy().scoped() && scopeId == null) {
            throw new PolicyIncomplete("tenant " + tenantId + " uses " + policy.strategy()
                    + " but its enrollment policy names no scope object id; run the setup script and set scopeObjectId");
        }
        return new ScopeTarget(policy.strategy(), scopeId, policy.scopeDisplayName());
    }
}
