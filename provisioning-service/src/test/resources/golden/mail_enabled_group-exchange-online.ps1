# Calbridge setup for Contoso (tenant 6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90): Exchange Online PowerShell.
# What it does: creates the mail-enabled security group 'Calbridge sync' if needed, and an Application
# Access Policy that restricts app 0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37 to its members; adds the rooms of the room lists to it.
# What it grants: nothing new; it RESTRICTS the app's tenant-wide Calendars.ReadWrite to the group's members.
# Run as Exchange Administrator (Organization Management). Requires: Install-Module ExchangeOnlineManagement
# Permission changes can take 30 minutes to 2 hours to reach Graph; the Test-* cmdlets read the configuration directly.

$ErrorActionPreference = 'Stop'
Connect-ExchangeOnline
if ((Get-OrganizationConfig).IsDehydrated) { Enable-OrganizationCustomization }
$appId = '0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37'
$group = 'Calbridge sync'

# 1) The mail-enabled security group that scopes the policy (Graph cannot change its members)
if (-not (Get-DistributionGroup -Identity $group -ErrorAction SilentlyContinue)) {
    New-DistributionGroup -Name $group -Alias 'calbridge-sync' -Type Security -MemberJoinRestriction Closed -MemberDepartRestriction Closed
}
if (-not (Get-DistributionGroup -Identity 'hq-rooms@contoso.com' -ErrorAction SilentlyContinue)) {
    New-DistributionGroup -RoomList -Name 'hq-rooms' -PrimarySmtpAddress 'hq-rooms@contoso.com'
}
Get-DistributionGroupMember -Identity 'hq-rooms@contoso.com' -ResultSize Unlimited | ForEach-Object {
    Add-DistributionGroupMember -Identity $group -Member $_.PrimarySmtpAddress -BypassSecurityGroupManagerCheck -ErrorAction SilentlyContinue
}

# 2) Restrict the app to the group's members
New-ApplicationAccessPolicy -AppId $appId -PolicyScopeGroupId $group -AccessRight RestrictAccess -Description 'Calbridge: only members of Calbridge sync'

# 3) Verify: Granted for a member, Denied for anyone else
Test-ApplicationAccessPolicy -Identity 'ada.lovelace@contoso.com' -AppId $appId
