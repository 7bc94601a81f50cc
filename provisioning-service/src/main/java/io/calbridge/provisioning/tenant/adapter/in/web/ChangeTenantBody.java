package io.calbridge.provisioning.tenant.adapter.in.web;

/** Changes to a tenant's details; null fields keep their value, an empty trust PEM removes it. */
public record ChangeTenantBody(String displayName, String clientId, String authorityHost, String graphBaseUrl,
                               String authorityTrustPem) {
}
