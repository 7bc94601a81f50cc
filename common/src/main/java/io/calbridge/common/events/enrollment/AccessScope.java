package io.calbridge.common.events.enrollment;

import io.calbridge.common.events.Require;

/**
 * The Entra object that limits which mailboxes the tenant's service account may reach: Exchange RBAC for
 * Applications scopes it to an administrative unit or a group; a tenant-wide grant has no scope object.
 *
 * @param type        what kind of directory object the scope is
 * @param id          the scope's Entra object id (GUID string); for {@link ScopeType#ORGANIZATION}, the tenant id
 * @param displayName the scope's name in Entra; {@code null} when unknown
 */
public record AccessScope(ScopeType type, String id, String displayName) {

    public AccessScope {
        Require.present(type, "scope.type");
        Require.text(id, "scope.id");
        Require.optionalText(displayName, "scope.displayName");
    }

    /** Kinds of directory object an access scope can be. */
    public enum ScopeType {
        /** An Entra administrative unit; membership is written through Graph. */
        ADMINISTRATIVE_UNIT,
        /** A security group; membership is written through Graph. */
        SECURITY_GROUP,
        /** A mail-enabled security group; Graph cannot write its membership, so an admin runs PowerShell. */
        MAIL_ENABLED_SECURITY_GROUP,
        /** No scope object: the account reaches every mailbox of the tenant (tenant-wide consent). */
        ORGANIZATION
    }
}
