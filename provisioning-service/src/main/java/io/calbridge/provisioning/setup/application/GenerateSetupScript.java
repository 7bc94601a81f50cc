package io.calbridge.provisioning.setup.application;

import io.calbridge.provisioning.setup.domain.SetupInput;
import io.calbridge.provisioning.setup.domain.SetupScripts;
import io.calbridge.provisioning.setup.domain.Shell;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import org.springframework.stereotype.Service;

/** The PowerShell for a registered tenant's current configuration. */
@Service
public class GenerateSetupScript {

    private final Tenants tenants;

    public GenerateSetupScript(Tenants tenants) {
        this.tenants = tenants;
    }

    /**
     * @param servicePrincipalObjectId the Enterprise application's object id, when known (else a placeholder)
     * @param serviceAccount           the on-premises EWS service account, when known (else a placeholder)
     */
    public String generate(String tenantId, Shell shell, String servicePrincipalObjectId, String serviceAccount) {
        Tenant tenant = tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
        EnrollmentPolicy policy = tenant.policy();
        return SetupScripts.generate(new SetupInput(tenant.tenantId(), tenant.displayName(), tenant.clientId(), policy.strategy(),
                policy.scopeObjectId(), policy.scopeDisplayName(), policy.rooms().roomListAddresses(), policy.testMailboxInScope(),
                servicePrincipalObjectId, serviceAccount), shell);
    }
}
