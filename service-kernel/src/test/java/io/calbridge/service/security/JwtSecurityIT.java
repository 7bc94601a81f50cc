package io.calbridge.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code calbridge.security.mode=jwt}: bearer JWTs signed with a key this test publishes as a JWK set over HTTP (the
 * graph-emulator's Entra endpoint only issues tokens for Microsoft Graph, so it cannot mint one for a Calbridge API
 * audience; one of its real tokens is used to show that a Graph token is refused). A token's {@code tid} decides the
 * tenant exactly as an API key's tenant list does.
 */
@RealInfrastructure
@SpringBootTest(classes = JwtSecurityIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=jwt-security-it",
        "spring.flyway.locations=classpath:db/kernel",
        "calbridge.encryption-key=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
        "calbridge.security.mode=jwt",
        "calbridge.security.jwt.issuers=" + TestTokens.ISSUERS,
        "calbridge.security.jwt.audiences=api://calbridge-it",
        "calbridge.security.jwt.operator-role=Calbridge.Operator",
        "calbridge.security.api-keys=" + ApiSecurityIT.KIOSK_ENTRY})
class JwtSecurityIT {

    static final String TENANT_A = "0a0a0a0a-0000-4000-8000-00000000000a";
    static final String TENANT_B = "0b0b0b0b-0000-4000-8000-00000000000b";
    static final String AUDIENCE = "api://calbridge-it";
    static final TestTokens TOKENS = new TestTokens();
    /** Same key id, different key: what a forged token looks like. */
    static final RSAKey FORGER = TestTokens.newKey(TOKENS.key().getKeyID());

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ApiSecurityIT.PingController.class)
    static class App {}

    @DynamicPropertySource
    static void jwkSet(DynamicPropertyRegistry registry) {
        registry.add("calbridge.security.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @AfterAll
    static void stopJwks() {
        TOKENS.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTokenActsForItsOwnTenantOnly() throws Exception {
        String token = TOKENS.token(TENANT_A, AUDIENCE, Instant.now().plusSeconds(600), List.of());

        HttpResponse<String> own = get("/api/tenants/" + TENANT_A + "/ping", token);
        HttpResponse<String> other = get("/api/tenants/" + TENANT_B + "/ping", token);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).isEqualTo("pong from jwt:kiosk-app");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("tenant-forbidden");
    }

    @Test
    void theOperatorRoleActsForEveryTenant() throws Exception {
        String token = TOKENS.token(TENANT_A, AUDIENCE, Instant.now().plusSeconds(600),
                List.of("Calbridge.Operator"));

        assertThat(get("/api/tenants/" + TENANT_B + "/ping", token).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongAudienceExpiredForgedForeignIssuerAndMissingTokensAre401Problems() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        Map<String, String> refused = Map.of(
                "wrong audience", TOKENS.token(TENANT_A, "api://someone-else", later, List.of()),
                "expired", TOKENS.token(TENANT_A, AUDIENCE, Instant.now().minusSeconds(600), List.of()),
                "bad signature", TestTokens.sign(FORGER, TENANT_A, AUDIENCE, TestTokens.issuer(TENANT_A), later, List.of()),
                "issuer of another tenant", TestTokens.sign(TOKENS.key(), TENANT_A, AUDIENCE, TestTokens.issuer(TENANT_B), later, List.of()),
                "not a JWT", "kiosk-key");

        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertUnauthenticated(get("/api/tenants/" + TENANT_A + "/ping", e.getValue()), e.getKey());
        }
        assertUnauthenticated(get("/api/tenants/" + TENANT_A + "/ping", null), "no token");
        assertUnauthenticated(http.send(HttpRequest.newBuilder(uri("/api/tenants/" + TENANT_A + "/ping"))
                .header("X-Api-Key", "kiosk-key").GET().build(), HttpResponse.BodyHandlers.ofString()), "an API key");
    }

    @Test
    void aRealEntraTokenForMicrosoftGraphIsRefused() throws Exception {
        try (GraphEmulator emulator = GraphEmulator.start(EmulatorOptions.defaults())) {
            emulator.seed("""
                    {"tenants":[{"id":"%s","domain":"jwt-it.example",
                      "apps":[{"clientId":"0000aaaa-0000-0000-0000-0000000a11ce","displayName":"JWT IT",
                               "secrets":[{"value":"s3cret","expires":"2099-01-01T00:00:00Z"}],"roles":["User.Read.All"],"adminConsent":true}]}]}
                    """.formatted(TENANT_A));
            String form = "grant_type=client_credentials&client_id=0000aaaa-0000-0000-0000-0000000a11ce&client_secret=s3cret&scope="
                    + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
            HttpResponse<String> issued = HttpClient.newBuilder().sslContext(emulator.clientSslContext()).build().send(
                    HttpRequest.newBuilder(URI.create(emulator.authorityHost() + "/" + TENANT_A + "/oauth2/v2.0/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String graphToken = JsonMapper.builder().build().readTree(issued.body()).get("access_token").asText();

            assertUnauthenticated(get("/api/tenants/" + TENANT_A + "/ping", graphToken), "a Graph token");
        }
    }

    private static void assertUnauthenticated(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).as(what).contains("https://calbridge.dev/problems/unauthenticated");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
