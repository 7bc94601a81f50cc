package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.calbridge.emulator.auth.Jwt;
import io.calbridge.emulator.auth.TlsMaterial;
import io.calbridge.emulator.odata.Json;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Entra ID token endpoint through MSAL4J, and token validation on Graph. */
class EntraIT {
    private static Fixture f;

    @BeforeAll
    static void start() { f = new Fixture(); }

    @AfterAll
    static void stop() { f.close(); }

    private static JsonNode claims(String token) { return Jwt.parse(token).claims(); }

    @Test
    void issuesAppOnlyGraphTokenForClientSecret() {
        JsonNode c = claims(f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET));

        assertThat(c.path("aud").asText()).isEqualTo("https://graph.microsoft.com");
        assertThat(c.path("iss").asText()).isEqualTo("https://sts.windows.net/" + Fixture.TENANT + "/");
        assertThat(c.path("tid").asText()).isEqualTo(Fixture.TENANT);
        assertThat(c.path("appid").asText()).isEqualTo(Fixture.SYNC_APP);
        assertThat(c.path("appidacr").asText()).isEqualTo("1");
        assertThat(c.path("idtyp").asText()).isEqualTo("app");
        assertThat(c.path("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000 + 3000);
        assertThat(c.path("roles")).extracting(JsonNode::asText).contains("Calendars.ReadWrite", "GroupMember.ReadWrite.All");
    }

    @Test
    void tokenSignatureVerifiesAgainstPublishedJwks() throws Exception {
        String token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
        HttpClient tls = HttpClient.newBuilder().sslContext(f.emulator.clientSslContext()).build();
        JsonNode oidc = Json.parse(tls.send(HttpRequest.newBuilder(URI.create(f.emulator.authorityHost() + "/" + Fixture.TENANT
                + "/v2.0/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode jwks = Json.parse(tls.send(HttpRequest.newBuilder(URI.create(oidc.path("jwks_uri").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        JsonNode key = jwks.path("keys").get(0);
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Jwt.Parsed parsed = Jwt.parse(token);
        assertThat(oidc.path("token_endpoint").asText()).isEqualTo(f.emulator.authorityHost() + "/" + Fixture.TENANT + "/oauth2/v2.0/token");
        assertThat(parsed.header().path("kid").asText()).isEqualTo(key.path("kid").asText());
        assertThat(Jwt.verify(parsed, pub)).isTrue();
    }

    @Test
    void msalCanDiscoverTheTokenEndpointThroughOidcAuthority() throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication
                .builder(Fixture.SYNC_APP, ClientCredentialFactory.createFromSecret(Fixture.SYNC_SECRET))
                .oidcAuthority(f.emulator.authorityHost() + "/" + Fixture.TENANT + "/v2.0")
                .sslSocketFactory(f.emulator.clientSslContext().getSocketFactory())
                .build();

        String token = app.acquireToken(ClientCredentialParameters.builder(Set.of(Fixture.GRAPH_SCOPE)).build()).get(15, TimeUnit.SECONDS).accessToken();

        assertThat(claims(token).path("appid").asText()).isEqualTo(Fixture.SYNC_APP);
    }

    @Test
    void rejectsWrongSecretWithAadsts7000215() {
        assertThatThrownBy(() -> f.token(Fixture.SYNC_APP, "not-the-secret"))
                .rootCause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("invalid_client"));
    }

    @Test
    void rejectsExpiredSecretWithAadsts7000222() {
        assertThatThrownBy(() -> f.token("00000000-0000-0000-0000-00000000a002", "old-secret"))
                .rootCause().isInstanceOf(MsalServiceException.class).hasMessageContaining("AADSTS7000222");
    }

    @Test
    void rejectsAppUnknownInTenantWithAadsts700016() {
        assertThatThrownBy(() -> f.token("99999999-0000-0000-0000-000000000000", "whatever"))
                .rootCause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS700016")
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("unauthorized_client"));
    }

    @Test
    void acceptsClientAssertionSignedByRegisteredCertificate() throws Exception {
        TlsMaterial.KeyAndCert cred = TlsMaterial.selfSigned("cert-app");
        f.emulator.seed("""
                {"tenants":[{"id":"%s","apps":[{"clientId":"00000000-0000-0000-0000-00000000c001","roles":["User.Read.All"],
                 "certificates":[{"pem":%s}]}]}]}""".formatted(Fixture.TENANT, Json.MAPPER.writeValueAsString(cred.pem())));
        ConfidentialClientApplication app = f.msal("00000000-0000-0000-0000-00000000c001",
                ClientCredentialFactory.createFromCertificate(cred.keyPair().getPrivate(), cred.certificate()));

        String token = Fixture.token(app);

        assertThat(claims(token).path("appidacr").asText()).isEqualTo("2");
        GraphServiceClient graph = f.graph(app);
        assertThat(graph.users().byUserId("u-bob").get().getDisplayName()).isEqualTo("Bob Brown");
    }

    private static String assertion(TlsMaterial.KeyAndCert cred, String alg, String thumbprintHeader, String iss, String aud) throws Exception {
        var header = Json.object().put("alg", alg).put("typ", "JWT");
        header.put(thumbprintHeader, thumbprintHeader.equals("x5t") ? cred.x5t() : cred.x5tS256());
        long now = System.currentTimeMillis() / 1000;
        var claims = Json.object().put("aud", aud).put("iss", iss).put("sub", iss).put("jti", java.util.UUID.randomUUID().toString())
                .put("nbf", now).put("iat", now).put("exp", now + 600);
        String input = Jwt.b64(Json.bytes(header)) + "." + Jwt.b64(Json.bytes(claims));
        java.security.Signature s;
        if (alg.equals("PS256")) {
            s = java.security.Signature.getInstance("RSASSA-PSS");
            s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        } else {
            s = java.security.Signature.getInstance("SHA256withRSA");
        }
        s.initSign(cred.keyPair().getPrivate());
        s.update(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return input + "." + Jwt.b64(s.sign());
    }

    private static HttpResponse<String> tokenRequest(String clientId, String assertion) throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(f.emulator.clientSslContext()).build();
        String form = "grant_type=client_credentials&client_id=" + clientId + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + assertion;
        return tls.send(HttpRequest.newBuilder(URI.create(f.emulator.authorityHost() + "/" + Fixture.TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsPs256WithX5tS256AndRs256WithX5tAndChecksIssuerAndAudience() throws Exception {
        TlsMaterial.KeyAndCert cred = TlsMaterial.selfSigned("raw-assertion");
        String app = "00000000-0000-0000-0000-00000000c003";
        f.emulator.seed("""
                {"tenants":[{"id":"%s","apps":[{"clientId":"%s","roles":["User.Read.All"],"certificates":[{"pem":%s}]}]}]}"""
                .formatted(Fixture.TENANT, app, Json.MAPPER.writeValueAsString(cred.pem())));
        String aud = "https://login.microsoftonline.com/" + Fixture.TENANT + "/oauth2/v2.0/token";

        var ps256 = tokenRequest(app, assertion(cred, "PS256", "x5t#S256", app, aud));
        var rs256 = tokenRequest(app, assertion(cred, "RS256", "x5t", app, aud));
        var wrongIssuer = tokenRequest(app, assertion(cred, "PS256", "x5t#S256", "someone-else", aud));
        var wrongAudience = tokenRequest(app, assertion(cred, "PS256", "x5t#S256", app, "https://example.com/token"));

        assertThat(ps256.statusCode()).isEqualTo(200);
        assertThat(claims(Json.parse(ps256.body()).path("access_token").asText()).path("appidacr").asText()).isEqualTo("2");
        assertThat(rs256.statusCode()).isEqualTo(200);
        assertThat(Json.parse(wrongIssuer.body()).path("error_codes").get(0).asInt()).isEqualTo(700021);
        assertThat(Json.parse(wrongAudience.body()).path("error_codes").get(0).asInt()).isEqualTo(700023);
        assertThat(Json.parse(wrongAudience.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void acceptsCertificateRegisteredAsPublicKeyAndThumbprints() throws Exception {
        TlsMaterial.KeyAndCert cred = TlsMaterial.selfSigned("key-only");
        String app = "00000000-0000-0000-0000-00000000c004";
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(cred.keyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        f.emulator.seed("""
                {"tenants":[{"id":"%s","apps":[{"clientId":"%s","roles":["User.Read.All"],
                 "certificates":[{"publicKeyPem":%s,"x5t":"%s","x5tS256":"%s"}]}]}]}"""
                .formatted(Fixture.TENANT, app, Json.MAPPER.writeValueAsString(pem), cred.x5t(), cred.x5tS256()));

        var r = tokenRequest(app, assertion(cred, "PS256", "x5t#S256", app, f.emulator.authorityHost() + "/" + Fixture.TENANT + "/oauth2/v2.0/token"));

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsClientAssertionFromUnregisteredCertificate() throws Exception {
        TlsMaterial.KeyAndCert registered = TlsMaterial.selfSigned("registered");
        TlsMaterial.KeyAndCert other = TlsMaterial.selfSigned("other");
        f.emulator.seed("""
                {"tenants":[{"id":"%s","apps":[{"clientId":"00000000-0000-0000-0000-00000000c002","roles":["User.Read.All"],
                 "certificates":[{"pem":%s}]}]}]}""".formatted(Fixture.TENANT, Json.MAPPER.writeValueAsString(registered.pem())));
        ConfidentialClientApplication app = f.msal("00000000-0000-0000-0000-00000000c002",
                ClientCredentialFactory.createFromCertificate(other.keyPair().getPrivate(), other.certificate()));

        assertThatThrownBy(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(Fixture.GRAPH_SCOPE)).build()).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("AADSTS700027");
    }

    @Test
    void appWithoutAdminConsentGetsTokenWithoutRolesAndGraphSays403() {
        String token = f.token("00000000-0000-0000-0000-00000000a003", "nc-secret");
        GraphServiceClient graph = f.graph("00000000-0000-0000-0000-00000000a003", "nc-secret");

        assertThat(claims(token).has("roles")).isFalse();
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").events().get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(403);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorAccessDenied");
                    assertThat(e.getError().getMessage()).isEqualTo("Access is denied. Check credentials and try again.");
                });
        assertThatThrownBy(() -> graph.users().get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getError().getCode()).isEqualTo("Authorization_RequestDenied"));
    }

    @Test
    void graphRejectsMissingAndTamperedTokensWith401() {
        var missing = f.raw("GET", "/users/u-alice", null, null);
        String token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        var bad = f.raw("GET", "/users/u-alice", tampered, null);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Fixture.json(missing).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(Fixture.json(missing).at("/error/innerError/request-id").asText()).isNotBlank();
        assertThat(bad.statusCode()).isEqualTo(401);
    }
}
