package io.calbridge.provisioning.tenant.adapter.in.web;

import io.calbridge.provisioning.tenant.application.NewCredential;
import io.calbridge.provisioning.tenant.domain.CredentialKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** A credential to register: a certificate (PEM or PKCS#12, preferred) or a client secret with its expiry. Write-only. */
@Schema(description = "Service-account credential. Never returned or logged.")
public record CredentialBody(
        @NotNull @Schema(description = "CERTIFICATE (preferred) or CLIENT_SECRET") CredentialKind kind,
        @Schema(description = "PEM with the certificate and its private key", accessMode = Schema.AccessMode.WRITE_ONLY) String certificatePem,
        @Schema(description = "PKCS#12 store, base64", accessMode = Schema.AccessMode.WRITE_ONLY) String pkcs12Base64,
        @Schema(description = "password of the PKCS#12 store", accessMode = Schema.AccessMode.WRITE_ONLY) String pkcs12Password,
        @Schema(description = "client secret value (not its id)", accessMode = Schema.AccessMode.WRITE_ONLY) String secret,
        @Schema(description = "client secret end date as shown in Entra (UTC)") Instant expiresAt) {

    NewCredential toCredential() {
        return new NewCredential(kind, certificatePem, pkcs12Base64, pkcs12Password, secret, expiresAt);
    }

    @Override
    public String toString() {
        return "CredentialBody[" + kind + ", material=***]";
    }
}
