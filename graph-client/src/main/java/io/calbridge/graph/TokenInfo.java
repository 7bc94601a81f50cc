package io.calbridge.graph;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a connection test needs to know about the current app-only token. It deliberately holds no token text.
 *
 * @param roles the {@code roles} claim: application permissions granted to the app in this tenant
 * @param credentialExpiresAt when the secret or certificate stops working; null when unknown
 */
public record TokenInfo(String tenantId, String clientId, Instant expiresAt, Set<String> roles,
                        @org.jspecify.annotations.Nullable Instant credentialExpiresAt) {

    public TokenInfo {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) { return roles.contains(role); }

    /** The roles among {@code required} that the token lacks, in the given order. */
    public Set<String> missingRoles(String... required) {
        Set<String> missing = new LinkedHashSet<>(Arrays.asList(required));
        missing.removeAll(roles);
        return missing;
    }
}
