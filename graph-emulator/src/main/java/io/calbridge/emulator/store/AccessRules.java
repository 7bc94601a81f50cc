package io.calbridge.emulator.store;

import org.jspecify.annotations.Nullable;

/** The Exchange-side objects that limit which mailboxes an app reaches (GRAPH-FACTS §4). */
public final class AccessRules {
    private AccessRules() {}

    /**
     * New-ApplicationAccessPolicy: {@code appId} may be {@code *}; {@code groupId} is a mail-enabled
     * security group (or a single mailbox user id).
     */
    public record ApplicationAccessPolicy(String appId, String groupId, Right accessRight) {}

    /** The two access rights of an Application Access Policy. */
    public enum Right { RestrictAccess, DenyAccess }

    /** New-ManagementScope with a recipient filter, e.g. {@code CustomAttribute1 -eq 'calsync'}. */
    public record ManagementScope(String name, String recipientRestrictionFilter) {}

    /**
     * New-ManagementRoleAssignment -App: an application role (e.g. {@code Application Calendars.ReadWrite})
     * over the whole organization, a custom management scope, an administrative unit or a group.
     */
    public record RoleAssignment(String app, String role, ScopeType scopeType, @Nullable String scope) {}

    /** The kinds of scope a role assignment can have. */
    public enum ScopeType { ORGANIZATION, CUSTOM_RESOURCE_SCOPE, ADMINISTRATIVE_UNIT, GROUP }
}
