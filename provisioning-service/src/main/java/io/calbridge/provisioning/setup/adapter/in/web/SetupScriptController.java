package io.calbridge.provisioning.setup.adapter.in.web;

import io.calbridge.provisioning.setup.application.GenerateSetupScript;
import io.calbridge.provisioning.setup.domain.Shell;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The PowerShell an admin runs instead of the vendor guides' manual steps. */
@RestController
@Tag(name = "Setup scripts")
public class SetupScriptController {

    private final GenerateSetupScript scripts;

    public SetupScriptController(GenerateSetupScript scripts) {
        this.scripts = scripts;
    }

    @GetMapping(value = "/api/tenants/{tenantId}/setup-script", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Generate the setup PowerShell: graph (app, permissions, consent, scope object), exchange-online "
            + "(RBAC for Applications or Application Access Policy, rooms) or exchange-onprem (ApplicationImpersonation)")
    public String script(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId,
                         @Parameter(description = "graph | exchange-online | exchange-onprem") @RequestParam(defaultValue = "graph") String shell,
                         @Parameter(description = "Enterprise application object id, for Exchange Online") @RequestParam(required = false) String servicePrincipalId,
                         @Parameter(description = "EWS service account UPN, for on-premises") @RequestParam(required = false) String serviceAccount) {
        caller.requireTenant(tenantId);
        return scripts.generate(tenantId, Shell.parse(shell), servicePrincipalId, serviceAccount);
    }
}
