package io.calbridge.service.security;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * How bearer JWTs are checked when {@code calbridge.security.mode=jwt}.
 *
 * @param jwkSetUri    where the issuer's signing keys are published ({@code calbridge.security.jwt.jwk-set-uri}), e.g.
 *                     {@code https://login.microsoftonline.com/common/discovery/v2.0/keys} for Entra ID
 * @param issuers      accepted {@code iss} values ({@code calbridge.security.jwt.issuers}, comma-separated); {@code {tid}}
 *                     stands for the token's own tenant, as multi-tenant Entra apps check it, e.g.
 *                     {@code https://login.microsoftonline.com/{tid}/v2.0}
 * @param audiences    accepted {@code aud} values ({@code calbridge.security.jwt.audiences}, comma-separated): the
 *                     Application ID URI or client id of the Calbridge API registration, e.g. {@code api://calbridge}
 * @param tenantClaim  the claim naming the caller's tenant ({@code calbridge.security.jwt.tenant-claim}, default
 *                     {@code tid}); the caller may act for that tenant only
 * @param operatorRole an app role ({@code roles} claim) that makes the caller an operator acting for every tenant
 *                     ({@code calbridge.security.jwt.operator-role}); none when blank
 */
public record JwtSettings(URI jwkSetUri, List<String> issuers, List<String> audiences, String tenantClaim,
                          @Nullable String operatorRole) {

    /** The placeholder for the token's tenant in {@link #issuers}. */
    public static final String TENANT_PLACEHOLDER = "{tid}";

    public JwtSettings {
        Objects.requireNonNull(jwkSetUri, "jwkSetUri");
        issuers = List.copyOf(issuers);
        audiences = List.copyOf(audiences);
        if (issuers.isEmpty() || audiences.isEmpty()) {
            throw new IllegalArgumentException("JWT mode needs calbridge.security.jwt.issuers and calbridge.security.jwt.audiences");
        }
        Objects.requireNonNull(tenantClaim, "tenantClaim");
    }

    /** Reads {@code calbridge.security.jwt.*}; fails when a required setting is missing. */
    static JwtSettings from(Environment environment) {
        String jwkSetUri = environment.getProperty("calbridge.security.jwt.jwk-set-uri", "");
        if (jwkSetUri.isBlank()) {
            throw new IllegalStateException("calbridge.security.mode=jwt needs calbridge.security.jwt.jwk-set-uri");
        }
        String operatorRole = environment.getProperty("calbridge.security.jwt.operator-role", "");
        return new JwtSettings(URI.create(jwkSetUri.strip()), list(environment, "calbridge.security.jwt.issuers"),
                list(environment, "calbridge.security.jwt.audiences"),
                environment.getProperty("calbridge.security.jwt.tenant-claim", "tid"),
                operatorRole.isBlank() ? null : operatorRole.strip());
    }

    /** Whether {@code issuer} is accepted for a token of {@code tenantId}. */
    boolean acceptsIssuer(String issuer, String tenantId) {
        return issuers.stream().anyMatch(i -> i.replace(TENANT_PLACEHOLDER, tenantId).equals(issuer));
    }

    private static List<String> list(Environment environment, String key) {
        return Arrays.stream(environment.getProperty(key, "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
