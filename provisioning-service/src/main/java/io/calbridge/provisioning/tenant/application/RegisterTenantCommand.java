package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;

/**
 * Everything needed to register a tenant. Null endpoints mean Microsoft's public cloud; a null policy means
 * {@link EnrollmentPolicy#initial()}.
 */
public record RegisterTenantCommand(String tenantId, String displayName, String clientId, String authorityHost,
                                    String graphBaseUrl, String authorityTrustPem, NewCredential credential,
                                    EnrollmentPolicy policy, String correlationId) {
}
