package io.calbridge.provisioning.setup.domain;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exact PowerShell that replaces the manual steps of the vendor guides, for one tenant's configuration.
 * Cmdlets and parameters follow GRAPH-FACTS §4: RBAC for Applications ({@code New-ServicePrincipal},
 * {@code New-ManagementScope}, {@code New-ManagementRoleAssignment -App}, {@code Test-ServicePrincipalAuthorization}),
 * Application Access Policy ({@code New-ApplicationAccessPolicy -AccessRight RestrictAccess},
 * {@code Test-ApplicationAccessPolicy}) and, on-premises, ApplicationImpersonation with a management scope.
 * Every script starts with what it does and what it grants. Output is deterministic (golden-file tested).
 */
public final class SetupScripts {

    /** Microsoft Graph's well-known application id. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    static final String DEFAULT_SCOPE_NAME = "Calbridge mailboxes";

    private SetupScripts() {
    }

    public static String generate(SetupInput in, Shell shell) {
        return switch (shell) {
            case GRAPH -> graph(in);
            case EXCHANGE_ONLINE -> exchangeOnline(in);
            case EXCHANGE_ON_PREMISES -> exchangeOnPremises(in);
        };
    }

    /** Graph application permissions the strategy needs in Entra (Calendars only when Exchange RBAC does not grant it). */
    public static List<String> entraPermissions(Strategy strategy) {
        List<String> roles = new ArrayList<>();
        if (!strategy.exchangeRbac()) {
            roles.add("Calendars.ReadWrite");
        }
        roles.add("Place.Read.All");
        roles.add("User.Read.All");
        roles.addAll(strategy.scopeWriteRoles());
        return roles;
    }

    // --- Microsoft Graph PowerShell --------------------------------------------------------------------------------

    private static String graph(SetupInput in) {
        List<String> permissions = entraPermissions(in.strategy());
        Script s = new Script();
        s.comment("Calbridge setup for " + in.tenantName() + " (tenant " + in.tenantId() + "): Microsoft Graph PowerShell.");
        s.comment("What it does: makes sure app " + in.clientId() + " has a service principal in this tenant, grants it Microsoft");
        s.comment("Graph application permissions with admin consent" + switch (in.strategy()) {
            case ADMINISTRATIVE_UNIT -> ", and finds or creates the administrative unit that limits its mailboxes.";
            case SECURITY_GROUP -> ", and finds or creates the security group that limits its mailboxes.";
            case MAIL_ENABLED_GROUP -> ". The mail-enabled group is created in Exchange Online (Graph cannot write it).";
            case TENANT_WIDE -> ". Nothing limits its mailboxes: every mailbox in the tenant is reachable.";
        });
        s.comment("What it grants: " + String.join(", ", permissions) + " (application permissions, admin consent).");
        if (in.strategy().exchangeRbac()) {
            s.comment("Calendars.ReadWrite is NOT granted here: Exchange RBAC for Applications grants it, scoped (Exchange Online script).");
            s.comment("Any tenant-wide Calendars.* grant is revoked, because Entra and Exchange grants add up and it would reach every mailbox.");
        }
        s.comment("Run as Global Administrator or Privileged Role Administrator. Requires: Install-Module Microsoft.Graph");
        s.blank();
        s.line("$ErrorActionPreference = 'Stop'");
        s.line("Connect-MgGraph -TenantId " + q(in.tenantId()) + " -Scopes 'Application.ReadWrite.All','AppRoleAssignment.ReadWrite.All'"
                + (in.strategy() == Strategy.ADMINISTRATIVE_UNIT ? ",'AdministrativeUnit.ReadWrite.All'" : "")
                + (in.strategy() == Strategy.SECURITY_GROUP ? ",'Group.ReadWrite.All'" : "") + " -NoWelcome");
        s.blank();
        s.comment("1) The app's service principal (Enterprise application) in this tenant");
        s.line("$clientId = " + q(in.clientId()));
        s.line("$sp = Get-MgServicePrincipal -Filter \"appId eq '$clientId'\"");
        s.line("if (-not $sp) { $sp = New-MgServicePrincipal -AppId $clientId }");
        s.line("$graph = Get-MgServicePrincipal -Filter \"appId eq '" + GRAPH_APP_ID + "'\"");
        s.blank();
        s.comment("2) Application permissions with admin consent (an app role assignment is the consent)");
        s.line("$permissions = @(" + String.join(", ", permissions.stream().map(SetupScripts::q).toList()) + ")");
        s.line("$assigned = Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -All");
        s.line("foreach ($permission in $permissions) {");
        s.line("    $role = $graph.AppRoles | Where-Object { $_.Value -eq $permission -and $_.AllowedMemberTypes -contains 'Application' }");
        s.line("    if (-not ($assigned | Where-Object { $_.ResourceId -eq $graph.Id -and $_.AppRoleId -eq $role.Id })) {");
        s.line("        New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $graph.Id -AppRoleId $role.Id | Out-Null");
        s.line("    }");
        s.line("}");
        if (in.strategy().exchangeRbac()) {
            s.line("$calendarRoles = $graph.AppRoles | Where-Object { $_.Value -like 'Calendars.*' } | ForEach-Object { $_.Id }");
            s.line("$assigned | Where-Object { $_.ResourceId -eq $graph.Id -and $calendarRoles -contains $_.AppRoleId } | ForEach-Object {");
            s.line("    Remove-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -AppRoleAssignmentId $_.Id");
            s.line("}");
        }
        s.blank();
        switch (in.strategy()) {
            case ADMINISTRATIVE_UNIT -> {
                s.comment("3) The administrative unit Calbridge adds people and rooms to (Exchange RBAC scopes the app to it)");
                if (in.scopeObjectId() != null) {
                    s.line("$scope = Get-MgDirectoryAdministrativeUnit -AdministrativeUnitId " + q(in.scopeObjectId()));
                } else {
                    s.line("$scope = New-MgDirectoryAdministrativeUnit -DisplayName " + q(scopeName(in))
                            + " -Description 'Mailboxes Calbridge may reach (RBAC for Applications scope)'");
                }
            }
            case SECURITY_GROUP -> {
                s.comment("3) The security group Calbridge adds people and rooms to (Exchange RBAC scopes the app to it)");
                if (in.scopeObjectId() != null) {
                    s.line("$scope = Get-MgGroup -GroupId " + q(in.scopeObjectId()));
                } else {
                    s.line("$scope = New-MgGroup -DisplayName " + q(scopeName(in)) + " -MailEnabled:$false -SecurityEnabled -MailNickname "
                            + q(alias(scopeName(in))) + " -Description 'Mailboxes Calbridge may reach (RBAC for Applications scope)'");
                }
            }
            case MAIL_ENABLED_GROUP, TENANT_WIDE -> s.line("$scope = $null");
        }
        s.blank();
        s.line("Write-Output \"Service principal object id (for New-ServicePrincipal in Exchange Online): $($sp.Id)\"");
        if (in.strategy().graphWritable()) {
            s.line("Write-Output \"Scope object id (scopeObjectId in the Calbridge enrollment policy): $($scope.Id)\"");
        }
        return s.text();
    }

    // --- Exchange Online PowerShell -------------------------------------------------------------------------------

    private static String exchangeOnline(SetupInput in) {
        Script s = new Script();
        s.comment("Calbridge setup for " + in.tenantName() + " (tenant " + in.tenantId() + "): Exchange Online PowerShell.");
        switch (in.strategy()) {
            case ADMINISTRATIVE_UNIT, SECURITY_GROUP -> {
                s.comment("What it does: registers app " + in.clientId() + " with Exchange (New-ServicePrincipal) and assigns it the");
                s.comment("application role 'Application Calendars.ReadWrite' limited to " + (in.strategy() == Strategy.ADMINISTRATIVE_UNIT
                        ? "the administrative unit " : "members of the security group ") + q(scopeName(in))
                        + (in.roomListAddresses().isEmpty() ? "." : " and to the rooms of the room lists."));
                s.comment("What it grants: read and write of calendars in those mailboxes only (RBAC for Applications).");
            }
            case MAIL_ENABLED_GROUP -> {
                s.comment("What it does: creates the mail-enabled security group " + q(scopeName(in)) + " if needed, and an Application");
                s.comment("Access Policy that restricts app " + in.clientId() + " to its members" + (in.roomListAddresses().isEmpty() ? "."
                        : "; adds the rooms of the room lists to it."));
                s.comment("What it grants: nothing new; it RESTRICTS the app's tenant-wide Calendars.ReadWrite to the group's members.");
            }
            case TENANT_WIDE -> {
                s.comment("What it does: nothing. The TENANT_WIDE strategy does not restrict the app: it reaches every mailbox.");
                s.comment("What it grants: nothing. Prefer ADMINISTRATIVE_UNIT (RBAC for Applications) to limit the app.");
                return s.text();
            }
        }
        s.comment("Run as Exchange Administrator (Organization Management). Requires: Install-Module ExchangeOnlineManagement");
        s.comment("Permission changes can take 30 minutes to 2 hours to reach Graph; the Test-* cmdlets read the configuration directly.");
        s.blank();
        s.line("$ErrorActionPreference = 'Stop'");
        s.line("Connect-ExchangeOnline");
        s.line("if ((Get-OrganizationConfig).IsDehydrated) { Enable-OrganizationCustomization }");
        s.line("$appId = " + q(in.clientId()));
        String test = in.testMailbox() != null ? in.testMailbox() : "<a mailbox in scope>";
        if (in.strategy() == Strategy.MAIL_ENABLED_GROUP) {
            String group = scopeName(in);
            s.line("$group = " + q(group));
            s.blank();
            s.comment("1) The mail-enabled security group that scopes the policy (Graph cannot change its members)");
            s.line("if (-not (Get-DistributionGroup -Identity $group -ErrorAction SilentlyContinue)) {");
            s.line("    New-DistributionGroup -Name $group -Alias " + q(alias(group)) + " -Type Security -MemberJoinRestriction Closed -MemberDepartRestriction Closed");
            s.line("}");
            roomLists(s, in);
            for (String roomList : in.roomListAddresses()) {
                s.line("Get-DistributionGroupMember -Identity " + q(roomList) + " -ResultSize Unlimited | ForEach-Object {");
                s.line("    Add-DistributionGroupMember -Identity $group -Member $_.PrimarySmtpAddress -BypassSecurityGroupManagerCheck -ErrorAction SilentlyContinue");
                s.line("}");
            }
            s.blank();
            s.comment("2) Restrict the app to the group's members");
            s.line("New-ApplicationAccessPolicy -AppId $appId -PolicyScopeGroupId $group -AccessRight RestrictAccess -Description "
                    + q("Calbridge: only members of " + group));
            s.blank();
            s.comment("3) Verify: Granted for a member, Denied for anyone else");
            s.line("Test-ApplicationAccessPolicy -Identity " + q(test) + " -AppId $appId");
            return s.text();
        }
        String sp = in.servicePrincipalObjectId() != null ? in.servicePrincipalObjectId() : "<service principal object id>";
        s.comment("The Enterprise application's object id (Get-MgServicePrincipal -Filter \"appId eq '" + in.clientId()
                + "'\"), NOT the app registration's");
        s.line("$spObjectId = " + q(sp));
        s.blank();
        s.comment("1) Exchange's pointer to the Entra service principal");
        s.line("if (-not (Get-ServicePrincipal -Identity $spObjectId -ErrorAction SilentlyContinue)) {");
        s.line("    New-ServicePrincipal -AppId $appId -ObjectId $spObjectId -DisplayName " + q("Calbridge (" + in.tenantName() + ")"));
        s.line("}");
        s.blank();
        s.comment("2) People: the application role scoped to " + (in.strategy() == Strategy.ADMINISTRATIVE_UNIT ? "the administrative unit" : "the security group"));
        String scopeId = in.scopeObjectId() != null ? in.scopeObjectId() : "<scope object id>";
        if (in.strategy() == Strategy.ADMINISTRATIVE_UNIT) {
            s.line("New-ManagementRoleAssignment -Name 'Calbridge calendars' -App $spObjectId -Role 'Application Calendars.ReadWrite' -RecipientAdministrativeUnitScope "
                    + q(scopeId));
        } else {
            s.line("$groupDn = (Get-Group -Identity " + q(scopeId) + ").DistinguishedName");
            s.line("New-ManagementScope -Name 'Calbridge people' -RecipientRestrictionFilter \"MemberOfGroup -eq '$groupDn'\"");
            s.line("New-ManagementRoleAssignment -Name 'Calbridge calendars' -App $spObjectId -Role 'Application Calendars.ReadWrite' -CustomResourceScope 'Calbridge people'");
        }
        if (!in.roomListAddresses().isEmpty()) {
            s.blank();
            s.comment("3) Rooms: a room list each, and a management scope restricted to its members (as in the room guides)");
            roomLists(s, in);
            int i = 1;
            for (String roomList : in.roomListAddresses()) {
                String scopeName = "Calbridge rooms " + i;
                s.line("$roomListDn = (Get-DistributionGroup -Identity " + q(roomList) + ").DistinguishedName");
                s.line("New-ManagementScope -Name " + q(scopeName) + " -RecipientRestrictionFilter \"MemberOfGroup -eq '$roomListDn'\"");
                s.line("New-ManagementRoleAssignment -Name " + q(scopeName) + " -App $spObjectId -Role 'Application Calendars.ReadWrite' -CustomResourceScope "
                        + q(scopeName));
                i++;
            }
        }
        s.blank();
        s.comment("Verify: InScope True for a mailbox in scope, False outside it (bypasses the permission cache)");
        s.line("Test-ServicePrincipalAuthorization -Identity $spObjectId -Resource " + q(test) + " | Format-Table");
        return s.text();
    }

    private static void roomLists(Script s, SetupInput in) {
        for (String roomList : in.roomListAddresses()) {
            s.line("if (-not (Get-DistributionGroup -Identity " + q(roomList) + " -ErrorAction SilentlyContinue)) {");
            s.line("    New-DistributionGroup -RoomList -Name " + q(localPart(roomList)) + " -PrimarySmtpAddress " + q(roomList));
            s.line("}");
        }
    }

    // --- Exchange on-premises --------------------------------------------------------------------------------------

    private static String exchangeOnPremises(SetupInput in) {
        String account = in.serviceAccount() != null ? in.serviceAccount() : "<service account UPN>";
        String group = scopeName(in);
        Script s = new Script();
        s.comment("Calbridge setup for " + in.tenantName() + " (tenant " + in.tenantId() + "): Exchange Management Shell, on-premises.");
        s.comment("What it does: limits the EWS service account " + account + " with management scopes to the members of the group "
                + q(group));
        s.comment(in.roomListAddresses().isEmpty() ? "and assigns it ApplicationImpersonation within them."
                : "and of the room lists, and assigns it ApplicationImpersonation within them.");
        s.comment("What it grants: EWS impersonation of those mailboxes only. ApplicationImpersonation is retired in Exchange Online;");
        s.comment("this is for Exchange Server on-premises, which keeps EWS.");
        s.comment("Run as an Exchange administrator (Organization Management).");
        s.blank();
        s.line("$ErrorActionPreference = 'Stop'");
        s.line("$serviceAccount = " + q(account));
        s.blank();
        s.comment("1) People: members of the group");
        s.line("$groupDn = (Get-DistributionGroup -Identity " + q(group) + ").DistinguishedName");
        s.line("New-ManagementScope -Name 'Calbridge people' -RecipientRestrictionFilter \"MemberOfGroup -eq '$groupDn'\"");
        s.line("New-ManagementRoleAssignment -Name 'Calbridge people impersonation' -Role ApplicationImpersonation -User $serviceAccount -CustomRecipientWriteScope 'Calbridge people'");
        int i = 1;
        for (String roomList : in.roomListAddresses()) {
            s.blank();
            s.comment((i + 1) + ") Rooms of " + roomList);
            s.line("if (-not (Get-DistributionGroup -Identity " + q(roomList) + " -ErrorAction SilentlyContinue)) {");
            s.line("    New-DistributionGroup -RoomList -Name " + q(localPart(roomList)) + " -PrimarySmtpAddress " + q(roomList));
            s.line("}");
            String scopeName = "Calbridge rooms " + i;
            s.line("$roomListDn = (Get-DistributionGroup -Identity " + q(roomList) + ").DistinguishedName");
            s.line("New-ManagementScope -Name " + q(scopeName) + " -RecipientRestrictionFilter \"MemberOfGroup -eq '$roomListDn'\"");
            s.line("New-ManagementRoleAssignment -Name " + q(scopeName + " impersonation") + " -Role ApplicationImpersonation -User $serviceAccount -CustomRecipientWriteScope "
                    + q(scopeName));
            i++;
        }
        s.blank();
        s.comment("Verify: who the service account can impersonate");
        s.line("Get-ManagementRoleAssignment -Role ApplicationImpersonation -GetEffectiveUsers | Format-Table Name, CustomRecipientWriteScope, EffectiveUserName");
        return s.text();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static String scopeName(SetupInput in) {
        return in.scopeName() != null ? in.scopeName() : DEFAULT_SCOPE_NAME;
    }

    private static String alias(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return at > 0 ? address.substring(0, at) : address;
    }

    /** A single-quoted PowerShell literal: no expansion, quotes doubled. */
    static String q(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static final class Script {
        private final StringBuilder text = new StringBuilder();

        void comment(String line) {
            text.append("# ").append(line).append('\n');
        }

        void line(String line) {
            text.append(line).append('\n');
        }

        void blank() {
            text.append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
