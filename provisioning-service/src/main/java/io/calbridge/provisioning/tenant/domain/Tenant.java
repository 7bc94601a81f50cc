package io.calbridge.provisioning.tenant.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An organisation Calbridge acts for, with its service account. Every change gives a new version, which is the
 * version published on {@code provisioning.tenants}.
 *
 * @param tenantId          Entra tenant id
 * @param displayName       the organisation's name
 * @param clientId          application (client) id of the service account
 * @param authorityHost     Entra authority host
 * @param graphBaseUrl      Graph base URL with version
 * @param authorityTrustPem certificates to trust for a non-public authority (the emulator); null for the JVM default
 * @param credentials       one or two credentials, newest first
 * @param policy            the enrollment policy
 * @param version           monotonic, starting at 1
 * @param removed           whether the tenant was removed (kept so that versions stay monotonic on re-registration)
 * @param updatedAt         when it last changed
 */
public record Tenant(String tenantId, String displayName, String clientId, String authorityHost, String graphBaseUrl,
                     String authorityTrustPem, List<ServiceCredential> credentials, EnrollmentPolicy policy, long version,
                     boolean removed, Instant updatedAt) {

    public static final String PUBLIC_AUTHORITY = "https://login.microsoftonline.com";
    public static final String PUBLIC_GRAPH = "https://graph.microsoft.com/v1.0";
    public static final int MAX_CREDENTIALS = 2;

    public Tenant {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(policy, "policy");
        authorityHost = authorityHost == null || authorityHost.isBlank() ? PUBLIC_AUTHORITY : stripSlash(authorityHost);
        graphBaseUrl = graphBaseUrl == null || graphBaseUrl.isBlank() ? PUBLIC_GRAPH : stripSlash(graphBaseUrl);
        credentials = credentials.stream().sorted(Comparator.comparing(ServiceCredential::addedAt).reversed()).toList();
        if (!removed && (credentials.isEmpty() || credentials.size() > MAX_CREDENTIALS)) {
            throw new TenantConflict("a tenant holds one or two credentials, got " + credentials.size());
        }
    }

    private static String stripSlash(String url) {
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** A newly registered tenant, or one registered again after removal ({@code previousVersion} &gt; 0). */
    public static Tenant register(String tenantId, String displayName, String clientId, String authorityHost,
                                  String graphBaseUrl, String authorityTrustPem, ServiceCredential credential,
                                  EnrollmentPolicy policy, long previousVersion, Instant now) {
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem, List.of(credential),
                policy == null ? EnrollmentPolicy.initial() : policy, previousVersion + 1, false, now);
    }

    public Tenant withDetails(String displayName, String clientId, String authorityHost, String graphBaseUrl,
                              String authorityTrustPem, Instant now) {
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem, credentials, policy,
                version + 1, false, now);
    }

    /** Adds a credential for rotation; at most two at once. */
    public Tenant withCredential(ServiceCredential credential, Instant now) {
        if (credentials.size() >= MAX_CREDENTIALS) {
            throw new TenantConflict("tenant " + tenantId + " already holds " + MAX_CREDENTIALS
                    + " credentials; remove the old one before adding another");
        }
        List<ServiceCredential> next = new ArrayList<>(credentials);
        next.add(credential);
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem, next, policy,
                version + 1, false, now);
    }

    /** Removes a credential; the last one cannot go. */
    public Tenant withoutCredential(String credentialId, Instant now) {
        if (credentials.stream().noneMatch(c -> c.credentialId().equals(credentialId))) {
            throw new CredentialNotFound(tenantId, credentialId);
        }
        if (credentials.size() == 1) {
            throw new TenantConflict("credential " + credentialId + " is the tenant's only credential; add its replacement first");
        }
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem,
                credentials.stream().filter(c -> !c.credentialId().equals(credentialId)).toList(), policy, version + 1, false, now);
    }

    public Tenant withPolicy(EnrollmentPolicy policy, Instant now) {
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem, credentials, policy,
                version + 1, false, now);
    }

    public Tenant asRemoved(Instant now) {
        return new Tenant(tenantId, displayName, clientId, authorityHost, graphBaseUrl, authorityTrustPem, List.of(), policy,
                version + 1, true, now);
    }

    /** The credential expiring last: the one the service uses. */
    public ServiceCredential currentCredential() {
        return credentials.stream().max(Comparator.comparing(ServiceCredential::expiresAt)).orElseThrow();
    }
}
