# Calbridge setup for Contoso (tenant 6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90): Microsoft Graph PowerShell.
# What it does: makes sure app 0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37 has a service principal in this tenant, grants it Microsoft
# Graph application permissions with admin consent. Nothing limits its mailboxes: every mailbox in the tenant is reachable.
# What it grants: Calendars.ReadWrite, Place.Read.All, User.Read.All (application permissions, admin consent).
# Run as Global Administrator or Privileged Role Administrator. Requires: Install-Module Microsoft.Graph

$ErrorActionPreference = 'Stop'
Connect-MgGraph -TenantId '6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90' -Scopes 'Application.ReadWrite.All','AppRoleAssignment.ReadWrite.All' -NoWelcome

# 1) The app's service principal (Enterprise application) in this tenant
$clientId = '0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37'
$sp = Get-MgServicePrincipal -Filter "appId eq '$clientId'"
if (-not $sp) { $sp = New-MgServicePrincipal -AppId $clientId }
$graph = Get-MgServicePrincipal -Filter "appId eq '00000003-0000-0000-c000-000000000000'"

# 2) Application permissions with admin consent (an app role assignment is the consent)
$permissions = @('Calendars.ReadWrite', 'Place.Read.All', 'User.Read.All')
$assigned = Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -All
foreach ($permission in $permissions) {
    $role = $graph.AppRoles | Where-Object { $_.Value -eq $permission -and $_.AllowedMemberTypes -contains 'Application' }
    if (-not ($assigned | Where-Object { $_.ResourceId -eq $graph.Id -and $_.AppRoleId -eq $role.Id })) {
        New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $graph.Id -AppRoleId $role.Id | Out-Null
    }
}

$scope = $null

Write-Output "Service principal object id (for New-ServicePrincipal in Exchange Online): $($sp.Id)"
