package io.calbridge.provisioning.tenant.domain;

import java.util.List;

/** How the service account's mailbox access is limited, and so how a mailbox is put into its scope. */
public enum Strategy {
    /** Exchange RBAC for Applications scoped to an Entra administrative unit; members added through Graph. Recommended. */
    ADMINISTRATIVE_UNIT(true, List.of("AdministrativeUnit.ReadWrite.All")),
    /** Exchange RBAC for Applications scoped to a security group; members added through Graph. */
    SECURITY_GROUP(true, List.of("GroupMember.ReadWrite.All")),
    /** Application Access Policy on a mail-enabled security group; Graph cannot write it, an admin runs PowerShell. */
    MAIL_ENABLED_GROUP(true, List.of()),
    /** No restriction: tenant-wide consent reaches every mailbox, nothing to add. */
    TENANT_WIDE(false, List.of());

    private final boolean scoped;
    private final List<String> scopeWriteRoles;

    Strategy(boolean scoped, List<String> scopeWriteRoles) {
        this.scoped = scoped;
        this.scopeWriteRoles = scopeWriteRoles;
    }

    /** Whether the strategy names a scope object that mailboxes are put into. */
    public boolean scoped() {
        return scoped;
    }

    /** Whether Graph can write the scope's membership. */
    public boolean graphWritable() {
        return this == ADMINISTRATIVE_UNIT || this == SECURITY_GROUP;
    }

    /** Whether calendar access comes from Exchange RBAC for Applications rather than an Entra permission. */
    public boolean exchangeRbac() {
        return this == ADMINISTRATIVE_UNIT || this == SECURITY_GROUP;
    }

    /** Graph application permissions the app needs to write the scope. */
    public List<String> scopeWriteRoles() {
        return scopeWriteRoles;
    }
}
