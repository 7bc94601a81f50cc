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
    private final java.util.concurrent.ConcurrentMap<String, Cached> clients = new java.util.concurrent.ConcurrentHashMap<>();

    /** A client and the configuration it was built from. */
    private record Cached(String key, TenantGraph graph) {}

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
        return forCredential(tenant, chooseCredential(tenant));
    }

    /**
     * The Graph client for one particular credential of a configuration, as a connection test of each credential
     * needs. Clients are kept per tenant and credential while the configuration stays the same, so the sealed
     * credential is opened once rather than on every call.
     */
    public TenantGraph forCredential(TenantConfigured tenant, SealedCredential credential) {
        String key = tenant.version() + "|" + credential.sealed().hashCode() + "|" + tenant.authorityHost() + "|"
                + tenant.graphBaseUrl() + "|" + java.util.Objects.hashCode(tenant.authorityTrustPem());
        Cached cached = clients.compute(tenant.tenantId() + "/" + credential.credentialId(), (id, known) ->
                known != null && known.key().equals(key) ? known : new Cached(key, gateway.forTenant(credentialOf(tenant, credential))));
        inUse.put(tenant.tenantId(), cached.graph());
        return cached.graph();
    }

    /**
     * The credential Graph calls use: the newest credential that has not expired, or the newest of all when each
     * has expired, so that calls fail with Entra's own "expired" answer rather than with a guess.
     */
    private SealedCredential chooseCredential(TenantConfigured tenant) {
        var now = clock.instant();
        return tenant.credentials().stream()
                .filter(c -> c.expiresAt().isAfter(now))
                .max(Comparator.comparing(SealedCredential::expiresAt))
                .orElse(tenant.credentials().getFirst());
    }

    /** The latest Graph client handed out per tenant, for health and metrics. */
    public java.util.Collection<TenantGraph> inUse() {
        return java.util.List.copyOf(inUse.values());
    }

    /** The graph-client credential of the chosen credential of a configuration, opened from its sealed form. */
    public TenantCredential credentialOf(TenantConfigured tenant) {
        return credentialOf(tenant, chooseCredential(tenant));
    }

    private TenantCredential credentialOf(TenantConfigured tenant, SealedCredential chosen) {
        char[] material = seal.open(chosen.sealed(), tenant.tenantId() + "/" + chosen.credentialId());
        try {
            CredentialMaterial secret = switch (chosen.kind()) {
                case CLIENT_SECRET -> new CredentialMaterial.ClientSecret(material.clone(), chosen.expiresAt());
                case CERTIFICATE -> CredentialMaterial.ClientCertificate.fromPem(new String(material));
            };
            return new TenantCredential(tenant.tenantId(), tenant.clientId(), secret, URI.create(tenant.authorityHost()),
                    URI.create(tenant.graphBaseUrl()), tenant.authorityTrustPem() == null ? null : trustOf(tenant.authorityTrustPem()));
        } finally {
            java.util.Arrays.fill(material, '\0');
        }
    }

    /**
     * A trust store holding every certificate of a PEM bundle.
     *
     * @throws IllegalArgumentException when the text holds no readable certificate
     */
    public static TrustMaterial trustOf(String pem) {
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
