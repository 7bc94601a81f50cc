package io.calbridge.emulator.store;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An app registration plus its service principal in one tenant.
 *
 * @param roles        application permissions granted in this tenant
 * @param adminConsent whether an admin consented; without it tokens carry no {@code roles}
 */
public record AppRegistration(String clientId, String displayName, String servicePrincipalId, List<Secret> secrets,
                              List<Certificate> certificates, Set<String> roles, boolean adminConsent) {

    /** A client secret and the instant it stops working. */
    public record Secret(String value, Instant expires) {}

    /** A registered certificate credential, matched by either thumbprint form. */
    public record Certificate(String x5t, String x5tS256, PublicKey publicKey) {}
}
