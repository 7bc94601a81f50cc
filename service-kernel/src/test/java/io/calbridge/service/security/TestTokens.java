package io.calbridge.service.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A token issuer for JWT-mode tests (shared through service-kernel's test-jar): an RSA key published as a JWK set
 * over HTTP on 127.0.0.1, and bearer JWTs signed with it (or with any other key, to forge one). Issuer
 * {@code https://login.example.test/{tid}/v2.0}, as Entra's v2 issuer is shaped.
 */
public final class TestTokens implements AutoCloseable {

    /** The issuer template to configure: {@code calbridge.security.jwt.issuers}. */
    public static final String ISSUERS = "https://login.example.test/{tid}/v2.0";

    private final RSAKey key = newKey("test-key");
    private final HttpServer server;

    public TestTokens() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** What to configure as {@code calbridge.security.jwt.jwk-set-uri}. */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    /** The issuer of a tenant's tokens. */
    public static String issuer(String tenant) {
        return ISSUERS.replace("{tid}", tenant);
    }

    /** A token of {@code tenant} for {@code audience}, issued an hour before it expires, signed with the published key. */
    public String token(String tenant, String audience, Instant expires, List<String> roles) {
        return sign(key, tenant, audience, issuer(tenant), expires, roles);
    }

    /** A token signed with {@code signer}, which need not be the published key. */
    public static String sign(RSAKey signer, String tenant, String audience, String issuer, Instant expires, List<String> roles) {
        Date issued = Date.from(expires.minus(Duration.ofHours(1)));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("kiosk-sp")
                .claim("azp", "kiosk-app").claim("tid", tenant).claim("roles", roles)
                .issueTime(issued).notBeforeTime(issued).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The published key; sign with another key of the same id to forge a token. */
    public RSAKey key() {
        return key;
    }

    /** A fresh RSA key. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
