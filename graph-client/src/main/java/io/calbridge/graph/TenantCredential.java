package io.calbridge.graph;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's service-account credential and where to use it. Production and the emulator differ only in these values.
 *
 * @param tenantId      the Entra ID tenant (GUID or verified domain)
 * @param clientId      the application (client) id; pacing is per app, so two credentials of one app share budgets
 * @param secret        the certificate (preferred) or client secret
 * @param authorityHost e.g. {@code https://login.microsoftonline.com}; the authority is {@code authorityHost/tenantId/}
 * @param graphBaseUrl  e.g. {@code https://graph.microsoft.com/v1.0}
 * @param trust         certificates to trust for both hosts, or null for the JVM default
 */
public record TenantCredential(String tenantId, String clientId, CredentialMaterial secret, URI authorityHost,
                               URI graphBaseUrl, @Nullable TrustMaterial trust) {

    public TenantCredential {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(authorityHost, "authorityHost");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        if (!"https".equalsIgnoreCase(authorityHost.getScheme())) {
            throw new IllegalArgumentException("authorityHost must be https (MSAL refuses anything else): " + authorityHost);
        }
    }

    /** When the secret or certificate stops working, so services can warn ahead; null when unknown. */
    public @Nullable Instant expiresAt() { return secret.expiresAt(); }

    /** {@code https://host[:port]/tenantId/}, as MSAL wants it. */
    String authority() {
        String host = authorityHost.toString();
        return (host.endsWith("/") ? host : host + "/") + tenantId + "/";
    }

    /** Graph's base URL without a trailing slash. */
    String graphBase() {
        String base = graphBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String fingerprint() {
        return secret.fingerprint() + "|" + secret.expiresAt() + "|" + authorityHost + "|" + graphBaseUrl;
    }
}
