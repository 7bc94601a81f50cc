package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.CredentialKind;
import java.time.Instant;

/**
 * Credential material as an admin submits it. {@link #toString()} never shows it.
 *
 * @param kind           secret or certificate
 * @param certificatePem for a certificate: PEM holding the certificate and its private key (PKCS#8 or PKCS#1)
 * @param pkcs12Base64   for a certificate, instead of PEM: a base64 PKCS#12 store
 * @param pkcs12Password the PKCS#12 password (store and key)
 * @param secret         for a client secret: the secret's value (not its id)
 * @param expiresAt      for a client secret: its end date as shown in Entra; ignored for certificates (notAfter is used)
 */
public record NewCredential(CredentialKind kind, String certificatePem, String pkcs12Base64, String pkcs12Password,
                            String secret, Instant expiresAt) {

    @Override
    public String toString() {
        return "NewCredential[" + kind + ", material=***]";
    }
}
