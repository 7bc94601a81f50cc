# Calbridge setup for Contoso (tenant 6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90): Exchange Online PowerShell.
# What it does: registers app 0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37 with Exchange (New-ServicePrincipal) and assigns it the
# application role 'Application Calendars.ReadWrite' limited to the administrative unit 'Calbridge mailboxes' and to the rooms of the room lists.
# What it grants: read and write of calendars in those mailboxes only (RBAC for Applications).
# Run as Exchange Administrator (Organization Management). Requires: Install-Module ExchangeOnlineManagement
# Permission changes can take 30 minutes to 2 hours to reach Graph; the Test-* cmdlets read the configuration directly.

$ErrorActionPreference = 'Stop'
Connect-ExchangeOnline
if ((Get-OrganizationConfig).IsDehydrated) { Enable-OrganizationCustomization }
$appId = '0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37'
# The Enterprise application's object id (Get-MgServicePrincipal -Filter "appId eq '0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37'"), NOT the app registration's
$spObjectId = '9a1c7b5d-2f86-4b0e-8e53-3e9a1c7b5d24'

# 1) Exchange's pointer to the Entra service principal
if (-not (Get-ServicePrincipal -Identity $spObjectId -ErrorAction SilentlyContinue)) {
    New-ServicePrincipal -AppId $appId -ObjectId $spObjectId -DisplayName 'Calbridge (Contoso)'
}

# 2) People: the application role scoped to the administrative unit
New-ManagementRoleAssignment -Name 'Calbridge calendars' -App $spObjectId -Role 'Application Calendars.ReadWrite' -RecipientAdministrativeUnitScope 'c4d2a8f1-6e3b-47c9-9a15-7b0e3d5f2c68'

# 3) Rooms: a room list each, and a management scope restricted to its members (as in the room guides)
if (-not (Get-DistributionGroup -Identity 'hq-rooms@contoso.com' -ErrorAction SilentlyContinue)) {
    New-DistributionGroup -RoomList -Name 'hq-rooms' -PrimarySmtpAddress 'hq-rooms@contoso.com'
}
$roomListDn = (Get-DistributionGroup -Identity 'hq-rooms@contoso.com').DistinguishedName
New-ManagementScope -Name 'Calbridge rooms 1' -RecipientRestrictionFilter "MemberOfGroup -eq '$roomListDn'"
New-ManagementRoleAssignment -Name 'Calbridge rooms 1' -App $spObjectId -Role 'Application Calendars.ReadWrite' -CustomResourceScope 'Calbridge rooms 1'

# Verify: InScope True for a mailbox in scope, False outside it (bypasses the permission cache)
Test-ServicePrincipalAuthorization -Identity $spObjectId -Resource 'ada.lovelace@contoso.com' | Format-Table
