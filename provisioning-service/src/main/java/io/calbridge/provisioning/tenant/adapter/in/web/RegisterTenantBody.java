package io.calbridge.provisioning.tenant.adapter.in.web;

import io.calbridge.provisioning.tenant.application.PolicyDocument;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A tenant to register. Endpoints default to Microsoft's public cloud. */
public record RegisterTenantBody(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,100}") @Schema(description = "Entra tenant id (GUID)") String tenantId,
        @NotBlank String displayName,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") @Schema(description = "application (client) id of the service account") String clientId,
        @Schema(description = "Entra authority host", defaultValue = "https://login.microsoftonline.com") String authorityHost,
        @Schema(description = "Graph base URL with version", defaultValue = "https://graph.microsoft.com/v1.0") String graphBaseUrl,
        @Schema(description = "PEM certificates to trust for a non-Microsoft authority such as the emulator") String authorityTrustPem,
        @NotNull @Valid CredentialBody credential,
        @Schema(description = "enrollment policy; default ADMINISTRATIVE_UNIT, everyone, no rooms") PolicyDocument policy) {
}
