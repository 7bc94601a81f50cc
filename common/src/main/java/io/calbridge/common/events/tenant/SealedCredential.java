package io.calbridge.common.events.tenant;

import io.calbridge.common.events.Require;
import java.time.Instant;

/**
 * One credential of a tenant's service account, encrypted with the deployment's shared key (see
 * {@link io.calbridge.common.crypto.CredentialSeal}) so that it can travel on Kafka and rest in any service's
 * database without being readable there. Two credentials may be active at once while one is rotated.
 *
 * @param credentialId stable id Calbridge gave the credential; not secret
 * @param kind         a client secret or a certificate with its private key
 * @param sealed       {@code CredentialSeal} output: base64 of nonce and AES-GCM ciphertext of the secret
 *                     material (the secret's text, or the PEM of key and certificate)
 * @param thumbprint   for a certificate, its SHA-1 thumbprint in upper-case hex, as Entra shows it;
 *                     {@code null} for a secret
 * @param expiresAt    when Entra stops accepting the credential (UTC)
 */
public record SealedCredential(String credentialId, Kind kind, String sealed, String thumbprint, Instant expiresAt) {

    /** What the sealed material is. */
    public enum Kind {
        CLIENT_SECRET,
        CERTIFICATE
    }

    public SealedCredential {
        Require.id(credentialId, "credentialId");
        Require.present(kind, "kind");
        Require.text(sealed, "sealed");
        Require.optionalText(thumbprint, "thumbprint");
        if (kind == Kind.CERTIFICATE && thumbprint == null) {
            throw new IllegalArgumentException("thumbprint is required for a CERTIFICATE credential");
        }
        Require.present(expiresAt, "expiresAt");
    }
}
