package io.calbridge.emulator.auth;

import java.util.Set;

/**
 * The caller of a Graph request, read from a validated access token.
 *
 * @param roles the application permissions in the token's {@code roles} claim (empty without admin consent)
 */
public record Principal(String tenantId, String appId, String servicePrincipalId, Set<String> roles) {
    public boolean hasAny(Set<String> wanted) {
        for (String r : wanted) if (roles.contains(r)) return true;
        return false;
    }
}
