package io.calbridge.provisioning.platform;

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
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Microsoft Graph for a tenant as provisioning last configured it: opens the sealed credential and hands out a
 * {@link TenantGraph} from the shared {@link GraphGateway}. Same contract as the kernel's
 * {@code io.calbridge.service.graph.TenantGraphs} ({@code forTenant}, {@code forConfiguration}).
 */
public class TenantGraphSource {

    private final TenantRegistry registry;
    private final CredentialSeal seal;
    private final GraphGateway gateway;
    private final Map<String, Cached> graphs = new ConcurrentHashMap<>();

    private record Cached(String key, TenantGraph graph) {}

    public TenantGraphSource(TenantRegistry registry, CredentialSeal seal, GraphGateway gateway) {
        this.registry = registry;
        this.seal = seal;
        this.gateway = gateway;
    }

    /**
     * Graph for a configured tenant.
     *
     * @throws io.calbridge.messaging.UnknownTenant when the tenant is not configured
     */
    public TenantGraph forTenant(String tenantId) {
        return forConfiguration(registry.require(tenantId));
    }

    /** Graph for a configuration, using its newest credential that has not expired (else its newest). */
    public TenantGraph forConfiguration(TenantConfigured tenant) {
        Instant now = Instant.now();
        SealedCredential credential = tenant.credentials().stream()
                .filter(c -> c.expiresAt().isAfter(now))
                .max(Comparator.comparing(SealedCredential::expiresAt))
                .orElse(tenant.credentials().getFirst());
        return forCredential(tenant, credential);
    }

    /** Graph for one particular credential of a configuration. */
    public TenantGraph forCredential(TenantConfigured tenant, SealedCredential credential) {
        String key = tenant.version() + "|" + credential.credentialId() + "|" + credential.sealed().hashCode()
                + "|" + tenant.authorityHost() + "|" + tenant.graphBaseUrl();
        Cached cached = graphs.get(tenant.tenantId() + "/" + credential.credentialId());
        if (cached != null && cached.key().equals(key)) {
            return cached.graph();
        }
        TenantGraph graph = gateway.forTenant(credentialOf(tenant, credential));
        graphs.put(tenant.tenantId() + "/" + credential.credentialId(), new Cached(key, graph));
        return graph;
    }

    private TenantCredential credentialOf(TenantConfigured tenant, SealedCredential credential) {
        char[] secret = seal.open(credential.sealed(), tenant.tenantId() + "/" + credential.credentialId());
        try {
            CredentialMaterial material = switch (credential.kind()) {
                case CLIENT_SECRET -> new CredentialMaterial.ClientSecret(secret.clone(), credential.expiresAt());
                case CERTIFICATE -> CredentialMaterial.ClientCertificate.fromPem(new String(secret));
            };
            TrustMaterial trust = tenant.authorityTrustPem() == null ? null : trustOf(tenant.authorityTrustPem());
            return new TenantCredential(tenant.tenantId(), tenant.clientId(), material, URI.create(tenant.authorityHost()),
                    URI.create(tenant.graphBaseUrl()), trust);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** A trust store holding every certificate of a PEM bundle. */
    public static TrustMaterial trustOf(String pem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("the trust PEM holds no certificate");
            }
            return new TrustMaterial(store);
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("unreadable trust PEM: " + e.getMessage(), e);
        }
    }
}
