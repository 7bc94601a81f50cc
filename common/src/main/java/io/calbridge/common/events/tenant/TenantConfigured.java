package io.calbridge.common.events.tenant;

import io.calbridge.common.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * A tenant was registered or its service account changed: the other services use this to reach Microsoft
 * Graph for the tenant, and treat tenants they have not seen configured as unknown.
 *
 * @param tenantId          Microsoft Entra tenant id; also the Kafka key
 * @param displayName       the organisation's name, for people
 * @param clientId          application (client) id of the service account's app registration
 * @param authorityHost     Entra authority host, {@code https://login.microsoftonline.com} in Microsoft's
 *                          public cloud; the authority is this host followed by {@code /tenantId/}
 * @param graphBaseUrl      Graph base URL including the version, {@code https://graph.microsoft.com/v1.0}
 * @param authorityTrustPem PEM certificates to trust for an authority whose certificate is not publicly
 *                          trusted (a local emulator); {@code null} to use the JVM's trust store
 * @param credentials       the active credentials, newest first; at least one, at most two while rotating
 * @param version           monotonic per tenant
 * @param occurredAt        when the configuration changed (UTC)
 * @param correlationId     request that changed it; {@code null} when none
 */
public record TenantConfigured(
        String tenantId,
        String displayName,
        String clientId,
        String authorityHost,
        String graphBaseUrl,
        String authorityTrustPem,
        List<SealedCredential> credentials,
        long version,
        Instant occurredAt,
        String correlationId) implements TenantEvent {

    public TenantConfigured {
        Require.id(tenantId, "tenantId");
        Require.text(displayName, "displayName");
        Require.id(clientId, "clientId");
        Require.text(authorityHost, "authorityHost");
        Require.text(graphBaseUrl, "graphBaseUrl");
        Require.optionalText(authorityTrustPem, "authorityTrustPem");
        Require.present(credentials, "credentials");
        if (credentials.isEmpty() || credentials.size() > 2) {
            throw new IllegalArgumentException("credentials must hold one or two entries, got " + credentials.size());
        }
        credentials = List.copyOf(credentials);
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }
}
