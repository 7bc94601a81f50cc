# Calbridge setup for Contoso (tenant 6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90): Exchange Online PowerShell.
# What it does: nothing. The TENANT_WIDE strategy does not restrict the app: it reaches every mailbox.
# What it grants: nothing. Prefer ADMINISTRATIVE_UNIT (RBAC for Applications) to limit the app.
