package io.calbridge.provisioning.tenant.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One credential of a tenant's service account. The secret material is only ever held sealed.
 *
 * @param credentialId stable id Calbridge gave the credential; not secret
 * @param kind         secret or certificate
 * @param sealed       the material sealed for {@code tenantId/credentialId}
 * @param thumbprint   SHA-1 thumbprint (upper-case hex) of a certificate; null for a secret
 * @param expiresAt    when Entra ID stops accepting it
 * @param addedAt      when it was registered with Calbridge
 */
public record ServiceCredential(String credentialId, CredentialKind kind, String sealed, String thumbprint,
                                Instant expiresAt, Instant addedAt) {

    public ServiceCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(addedAt, "addedAt");
        if (kind == CredentialKind.CERTIFICATE && thumbprint == null) {
            throw new IllegalArgumentException("a certificate credential needs its thumbprint");
        }
    }

    /** Whole days until expiry, negative once expired. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, expiresAt).toHours(), 24);
    }

    public ExpiryWarning warning(Instant now) {
        return ExpiryWarning.of(expiresAt, now);
    }

    @Override
    public String toString() {
        return "ServiceCredential[" + credentialId + ", " + kind + ", expiresAt=" + expiresAt + "]";
    }
}
