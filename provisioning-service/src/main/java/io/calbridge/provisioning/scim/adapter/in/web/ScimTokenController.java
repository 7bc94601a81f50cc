package io.calbridge.provisioning.scim.adapter.in.web;

import io.calbridge.provisioning.scim.application.ScimProvisioning;
import io.calbridge.provisioning.tenant.application.ManageTenants;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Issues the bearer token a tenant's SCIM client (Entra ID or Okta provisioning) uses. */
@RestController
@Tag(name = "SCIM 2.0")
public class ScimTokenController {

    private final ScimProvisioning scim;
    private final ManageTenants tenants;

    public ScimTokenController(ScimProvisioning scim, ManageTenants tenants) {
        this.scim = scim;
        this.tenants = tenants;
    }

    /** The token, shown once; put it in the provisioning app's "Secret Token" with tenant URL {@code <base>/scim/v2}. */
    public record ScimToken(String tenantId, String token, String tenantUrl) {}

    @PostMapping("/api/tenants/{tenantId}/scim-token")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue (or replace) the tenant's SCIM bearer token; shown once")
    public ScimToken issue(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        tenants.require(tenantId);
        return new ScimToken(tenantId, scim.issueToken(tenantId), "/scim/v2");
    }
}
