package io.calbridge.provisioning.tenant.adapter.in.web;

import io.calbridge.provisioning.tenant.application.PolicyDocument;
import io.calbridge.provisioning.tenant.domain.CredentialKind;
import io.calbridge.provisioning.tenant.domain.ExpiryWarning;
import io.calbridge.provisioning.tenant.domain.ServiceCredential;
import io.calbridge.provisioning.tenant.domain.Tenant;
import java.time.Instant;
import java.util.List;

/** A tenant as the API shows it: credentials by id, kind, thumbprint and expiry, never their material. */
public record TenantView(String tenantId, String displayName, String clientId, String authorityHost, String graphBaseUrl,
                         boolean customAuthorityTrust, List<CredentialView> credentials, List<String> warnings,
                         PolicyDocument policy, long version, Instant updatedAt) {

    /** A credential without its material. */
    public record CredentialView(String credentialId, CredentialKind kind, String thumbprint, Instant expiresAt, long daysLeft,
                                 ExpiryWarning expiryWarning, boolean current) {}

    static TenantView of(Tenant t, Instant now) {
        ServiceCredential current = t.currentCredential();
        List<CredentialView> credentials = t.credentials().stream()
                .map(c -> new CredentialView(c.credentialId(), c.kind(), c.thumbprint(), c.expiresAt(), c.daysLeft(now), c.warning(now),
                        c.credentialId().equals(current.credentialId())))
                .toList();
        List<String> warnings = credentials.stream()
                .filter(c -> c.expiryWarning() != ExpiryWarning.NONE)
                .map(c -> c.expiryWarning() == ExpiryWarning.EXPIRED
                        ? "Credential " + c.credentialId() + " (" + c.kind() + ") expired at " + c.expiresAt()
                        : "Credential " + c.credentialId() + " (" + c.kind() + ") expires in " + c.daysLeft() + " day(s), at "
                                + c.expiresAt() + ": add its replacement (POST /api/tenants/" + t.tenantId() + "/credentials)")
                .toList();
        return new TenantView(t.tenantId(), t.displayName(), t.clientId(), t.authorityHost(), t.graphBaseUrl(),
                t.authorityTrustPem() != null, credentials, warnings, PolicyDocument.of(t.policy()), t.version(), t.updatedAt());
    }
}
