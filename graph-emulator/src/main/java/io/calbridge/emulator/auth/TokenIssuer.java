package io.calbridge.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.AppRegistration;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and validates the v1.0-format app-only access tokens Graph receives (GRAPH-FACTS §8):
 * RS256, {@code aud=https://graph.microsoft.com}, {@code iss=https://sts.windows.net/{tid}/},
 * {@code appid}, {@code appidacr}, {@code idtyp=app}, {@code roles}.
 */
public final class TokenIssuer {
    public static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";
    private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    public static final long LIFETIME_SECONDS = 3599;

    private final KeyPair keys;
    private final String kid;
    private final Store store;
    private final Clock clock;

    public TokenIssuer(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            this.keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.kid = Jwt.b64(UUID.randomUUID().toString().getBytes()).substring(0, 27);
    }

    /** @param certificate whether the client authenticated with a certificate (appidacr 2) rather than a secret (1) */
    public String issue(Tenant tenant, AppRegistration app, boolean certificate) {
        Instant now = clock.instant();
        ObjectNode header = Json.object().put("typ", "JWT").put("kid", kid).put("x5t", kid);
        ObjectNode c = Json.object();
        c.put("aud", GRAPH_AUDIENCE);
        c.put("iss", "https://sts.windows.net/" + tenant.id + "/");
        c.put("iat", now.getEpochSecond());
        c.put("nbf", now.getEpochSecond() - 300);
        c.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
        c.put("app_displayname", app.displayName());
        c.put("appid", app.clientId());
        c.put("appidacr", certificate ? "2" : "1");
        c.put("idp", "https://sts.windows.net/" + tenant.id + "/");
        c.put("idtyp", "app");
        c.put("oid", app.servicePrincipalId());
        if (app.adminConsent() && !app.roles().isEmpty()) {
            ArrayNode roles = c.putArray("roles");
            app.roles().forEach(roles::add);
        }
        c.put("sub", app.servicePrincipalId());
        c.put("tid", tenant.id);
        c.put("uti", UUID.randomUUID().toString());
        c.put("ver", "1.0");
        return Jwt.signRs256(header, c, keys.getPrivate());
    }

    /** Validated tokens and their expiry, so the RSA check runs once per token rather than once per request. */
    private final java.util.Map<String, Principal> validated = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Long> expiries = new java.util.concurrent.ConcurrentHashMap<>();

    /** Checks signature, audience, issuer, tenant and lifetime; Graph's 401 otherwise. */
    public Principal validate(String authorization) {
        if (authorization != null) {
            Principal cached = validated.get(authorization);
            if (cached != null) {
                Long exp = expiries.get(authorization);
                if (exp != null && exp >= clock.instant().getEpochSecond() && store.tenant(cached.tenantId()) != null) return cached;
                validated.remove(authorization);
                expiries.remove(authorization);
            }
        }
        Principal p = validateUncached(authorization);
        if (validated.size() > 10_000) {
            validated.clear();
            expiries.clear();
        }
        validated.put(authorization, p);
        expiries.put(authorization, Jwt.parse(authorization.substring(7).trim()).claims().path("exp").asLong());
        return p;
    }

    private Principal validateUncached(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid scheme.");
        }
        Jwt.Parsed p;
        try {
            p = Jwt.parse(authorization.substring(7).trim());
        } catch (IllegalArgumentException e) {
            throw new GraphException(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
        }
        if (!"RS256".equals(p.alg()) || !Jwt.verify(p, keys.getPublic())) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid signature.");
        }
        JsonNode c = p.claims();
        String aud = c.path("aud").asText();
        if (!aud.equals(GRAPH_AUDIENCE) && !aud.equals(GRAPH_AUDIENCE + "/") && !aud.equals(GRAPH_APP_ID)) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        long now = clock.instant().getEpochSecond();
        if (c.path("exp").asLong() < now || c.path("nbf").asLong() > now) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
        }
        String tid = c.path("tid").asText();
        Tenant t = store.tenant(tid);
        if (t == null || !c.path("iss").asText().equals("https://sts.windows.net/" + tid + "/")) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid issuer.");
        }
        Set<String> roles = new LinkedHashSet<>();
        c.path("roles").forEach(r -> roles.add(r.asText()));
        return new Principal(tid, c.path("appid").asText(), c.path("oid").asText(), Set.copyOf(roles));
    }

    /** The JWKS document with the one signing key. */
    public ObjectNode jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        ObjectNode k = Json.object().put("kty", "RSA").put("use", "sig").put("kid", kid).put("x5t", kid)
                .put("n", Jwt.b64(unsigned(pub.getModulus()))).put("e", Jwt.b64(unsigned(pub.getPublicExponent())));
        ObjectNode doc = Json.object();
        doc.putArray("keys").add(k);
        return doc;
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > 1 && b[0] == 0) return java.util.Arrays.copyOfRange(b, 1, b.length);
        return b;
    }
}
