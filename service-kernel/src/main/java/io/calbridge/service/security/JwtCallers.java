package io.calbridge.service.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a bearer JWT into a {@link Caller} with Spring Security's resource-server support: {@link NimbusJwtDecoder}
 * checks the signature against the issuer's JWK set and the validators below check lifetime, audience, issuer and
 * tenant; {@link JwtAuthenticationProvider} runs them. The caller acts for the tenant in the token's tenant claim
 * only, exactly like an API key limited to that tenant, unless it holds the configured operator role.
 */
public final class JwtCallers {

    private final JwtSettings settings;
    private final JwtAuthenticationProvider provider;

    public JwtCallers(JwtSettings settings) {
        this(settings, NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()).build());
    }

    JwtCallers(JwtSettings settings, JwtDecoder decoder) {
        this.settings = settings;
        if (decoder instanceof NimbusJwtDecoder nimbus) {
            nimbus.setJwtValidator(validator(settings));
        }
        this.provider = new JwtAuthenticationProvider(decoder);
    }

    /**
     * The caller a token stands for.
     *
     * @throws AuthenticationException the token is malformed, not signed by the issuer's keys, expired, for another
     *                                 audience or issuer, or names no tenant
     */
    public Caller authenticate(String token) {
        JwtAuthenticationToken authenticated = (JwtAuthenticationToken) provider.authenticate(new BearerTokenAuthenticationToken(token));
        Jwt jwt = authenticated.getToken();
        String tenant = jwt.getClaimAsString(settings.tenantClaim());
        List<String> roles = Optional.ofNullable(jwt.getClaimAsStringList("roles")).orElse(List.of());
        boolean operator = settings.operatorRole() != null && roles.contains(settings.operatorRole());
        return new Caller(name(jwt), operator ? Set.of() : Set.of(tenant), operator);
    }

    /** The application or user behind the token, for logs: {@code azp} or {@code appid}, else the user, else {@code sub}. */
    private static String name(Jwt jwt) {
        for (String claim : List.of("azp", "appid", "preferred_username", "upn", JwtClaimNames.SUB)) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return "jwt:" + value;
            }
        }
        return "jwt";
    }

    static OAuth2TokenValidator<Jwt> validator(JwtSettings settings) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(settings.audiences()::contains));
        OAuth2TokenValidator<Jwt> tenantAndIssuer = jwt -> {
            String tenant = jwt.getClaimAsString(settings.tenantClaim());
            if (tenant == null || tenant.isBlank()) {
                return invalid("The token names no tenant (" + settings.tenantClaim() + ")");
            }
            String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
            if (issuer == null || !settings.acceptsIssuer(issuer, tenant)) {
                return invalid("The token's issuer is not accepted");
            }
            return OAuth2TokenValidatorResult.success();
        };
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), audience, tenantAndIssuer);
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
