# Calbridge setup for Contoso (tenant 6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90): Exchange Management Shell, on-premises.
# What it does: limits the EWS service account svc-calbridge@contoso.com with management scopes to the members of the group 'Calbridge mailboxes'
# and of the room lists, and assigns it ApplicationImpersonation within them.
# What it grants: EWS impersonation of those mailboxes only. ApplicationImpersonation is retired in Exchange Online;
# this is for Exchange Server on-premises, which keeps EWS.
# Run as an Exchange administrator (Organization Management).

$ErrorActionPreference = 'Stop'
$serviceAccount = 'svc-calbridge@contoso.com'

# 1) People: members of the group
$groupDn = (Get-DistributionGroup -Identity 'Calbridge mailboxes').DistinguishedName
New-ManagementScope -Name 'Calbridge people' -RecipientRestrictionFilter "MemberOfGroup -eq '$groupDn'"
New-ManagementRoleAssignment -Name 'Calbridge people impersonation' -Role ApplicationImpersonation -User $serviceAccount -CustomRecipientWriteScope 'Calbridge people'

# 2) Rooms of hq-rooms@contoso.com
if (-not (Get-DistributionGroup -Identity 'hq-rooms@contoso.com' -ErrorAction SilentlyContinue)) {
    New-DistributionGroup -RoomList -Name 'hq-rooms' -PrimarySmtpAddress 'hq-rooms@contoso.com'
}
$roomListDn = (Get-DistributionGroup -Identity 'hq-rooms@contoso.com').DistinguishedName
New-ManagementScope -Name 'Calbridge rooms 1' -RecipientRestrictionFilter "MemberOfGroup -eq '$roomListDn'"
New-ManagementRoleAssignment -Name 'Calbridge rooms 1 impersonation' -Role ApplicationImpersonation -User $serviceAccount -CustomRecipientWriteScope 'Calbridge rooms 1'

# Verify: who the service account can impersonate
Get-ManagementRoleAssignment -Role ApplicationImpersonation -GetEffectiveUsers | Format-Table Name, CustomRecipientWriteScope, EffectiveUserName
