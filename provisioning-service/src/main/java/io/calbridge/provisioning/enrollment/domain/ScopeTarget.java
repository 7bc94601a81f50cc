package io.calbridge.provisioning.enrollment.domain;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.Objects;

/**
 * Where a mailbox goes: the strategy and the scope object at the time it was enrolled, so that removal later
 * undoes exactly that even if the policy changed since.
 *
 * @param strategy the scoping mechanism
 * @param scopeId  Entra object id of the administrative unit or group; null for tenant-wide
 * @param name     the scope's display name, or null
 */
public record ScopeTarget(Strategy strategy, String scopeId, String name) {

    public ScopeTarget {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy.scoped() && (scopeId == null || scopeId.isBlank())) {
            throw new io.calbridge.provisioning.tenant.domain.InvalidPolicy("the " + strategy + " strategy needs the scope's object id in the enrollment policy");
        }
    }

    /** How an admin names the group in Exchange PowerShell. */
    public String exchangeIdentity() {
        return name != null ? name : scopeId;
    }
}
