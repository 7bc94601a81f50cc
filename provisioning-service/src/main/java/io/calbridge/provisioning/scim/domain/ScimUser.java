package io.calbridge.provisioning.scim.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user a SCIM client provisioned. The SCIM {@code id} is the user's Entra object id, taken from
 * {@code externalId} (map {@code objectId} to {@code externalId} in the provisioning app's attribute mappings).
 *
 * @param tenantId    Entra tenant id (from the bearer token)
 * @param userId      Entra object id, also the SCIM id
 * @param userName    userPrincipalName
 * @param displayName null when not sent
 * @param email       primary email; null when not sent
 * @param department  enterprise extension department; null when not sent
 * @param active      false once deactivated
 * @param updatedAt   last change
 */
public record ScimUser(String tenantId, String userId, String userName, String displayName, String email, String department,
                       boolean active, Instant updatedAt) {

    public ScimUser {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
    }

    public ScimUser withActive(boolean active, Instant now) {
        return new ScimUser(tenantId, userId, userName, displayName, email, department, active, now);
    }
}
