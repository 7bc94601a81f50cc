package io.calbridge.service.graph;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.graph.CredentialMaterial;
import io.calbridge.graph.GraphGateway;
import io.calbridge.graph.TenantCredential;
import io.calbridge.graph.TenantGraph;
import io.calbridge.graph.TrustMaterial;
import io.calbridge.service.tenants.TenantRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;

/**
 * The Graph client of a tenant, built from the tenant's configuration: its endpoints, the credential to use
 * (opened from its sealed form) and the certificates to trust. The {@link GraphGateway} caches one client per
 * credential, so asking again is cheap and a rotated credential gets a fresh client.
 */
public class TenantGraphs {

    private final TenantRegistry registry;
    private final GraphGateway gateway;
    private final CredentialSeal seal;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentMap<String, TenantGraph> inUse = new java.util.concurrent.ConcurrentHashMap<>();

    public TenantGraphs(TenantRegistry registry, GraphGateway gateway, CredentialSeal seal, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.seal = Objects.requireNonNull(seal, "seal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The Graph client of a tenant known from {@code provisioning.tenants}.
     *
     * @throws io.calbridge.messaging.UnknownTenant when the tenant is not configured
     */
    public TenantGraph forTenant(String tenantId) {
        return forConfiguration(registry.require(tenantId));
    }

    /** The Graph client for a configuration, for the service that owns it (provisioning) or tests. */
    public TenantGraph forConfiguration(TenantConfigured tenant) {
        TenantGraph graph = gateway.forTenant(credentialOf(tenant));
        inUse.put(tenant.tenantId(), graph);
        return graph;
    }

    /** The latest Graph client handed out per tenant, for health and metrics. */
    public java.util.Collection<TenantGraph> inUse() {
        return java.util.List.copyOf(inUse.values());
    }

    /**
     * The credential Graph calls use: the newest credential that has not expired, or the newest of all when each
     * has expired, so that calls fail with Entra's own "expired" answer rather than with a guess.
     */
    public TenantCredential credentialOf(TenantConfigured tenant) {
        var now = clock.instant();
        SealedCredential chosen = tenant.credentials().stream()
                .filter(c -> c.expiresAt().isAfter(now))
                .max(Comparator.comparing(SealedCredential::expiresAt))
                .orElse(tenant.credentials().getFirst());
        char[] material = seal.open(chosen.sealed(), tenant.tenantId() + "/" + chosen.credentialId());
        CredentialMaterial secret = switch (chosen.kind()) {
            case CLIENT_SECRET -> new CredentialMaterial.ClientSecret(material, chosen.expiresAt());
            case CERTIFICATE -> CredentialMaterial.ClientCertificate.fromPem(new String(material));
        };
        java.util.Arrays.fill(material, '\0');
        return new TenantCredential(tenant.tenantId(), tenant.clientId(), secret, URI.create(tenant.authorityHost()),
                URI.create(tenant.graphBaseUrl()), trustOf(tenant.authorityTrustPem()));
    }

    private static TrustMaterial trustOf(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalArgumentException("authorityTrustPem holds no certificate");
            }
            return new TrustMaterial(store);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("authorityTrustPem is not a PEM certificate list: " + e.getMessage(), e);
        }
    }
}
