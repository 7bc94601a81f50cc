package io.calbridge.provisioning.watch.application;

import java.util.List;

/** Graph {@code /users/delta} for a tenant. */
public interface DirectoryDelta {

    /** A user as the delta reports it. */
    record UserChange(String userId, String userPrincipalName, String mail, String displayName, String department,
                      boolean enabled, boolean deleted) {}

    /** The changes since {@code deltaLink} (all users when null) and the link for next time. */
    record Page(List<UserChange> changes, String deltaLink) {}

    /** Reads every page up to the delta link. Blocks. */
    Page changesSince(String tenantId, String deltaLink);
}
