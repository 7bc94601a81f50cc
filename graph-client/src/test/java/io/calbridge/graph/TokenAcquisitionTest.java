package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenAcquisitionTest {
    private static EmulatedGraph emulated;
    private static GraphGateway gateway;

    @BeforeAll
    static void start() {
        emulated = new EmulatedGraph();
        gateway = emulated.gateway(EmulatedGraph.testSettings());
    }

    @AfterAll
    static void stop() {
        emulated.close();
    }

    @Test
    void acquiresTokenWithSecretAndExposesRolesAndExpiries() throws Exception {
        Instant secretEnd = Instant.parse("2030-01-01T00:00:00Z");
        TenantGraph graph = gateway.forTenant(emulated.credential(
                new CredentialMaterial.ClientSecret(EmulatedGraph.SECRET.toCharArray(), secretEnd)));

        TokenInfo token = graph.acquireToken().get(30, TimeUnit.SECONDS);

        assertThat(token.roles()).contains("Calendars.ReadWrite", "User.Read.All");
        assertThat(token.tenantId()).isEqualTo(EmulatedGraph.TENANT);
        assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(token.credentialExpiresAt()).isEqualTo(secretEnd);
        assertThat(graph.credentialExpiresAt()).isEqualTo(secretEnd);
        assertThat(token.missingRoles("Calendars.ReadWrite", "Mail.Send")).containsExactly("Mail.Send");
    }

    @Test
    void acquiresTokenWithCertificate() throws Exception {
        CredentialMaterial.ClientCertificate certificate = emulated.certificate();
        TenantGraph graph = gateway.forTenant(emulated.credential(certificate));

        TokenInfo token = graph.acquireToken().get(30, TimeUnit.SECONDS);

        assertThat(token.roles()).contains("Calendars.ReadWrite");
        assertThat(token.credentialExpiresAt()).isEqualTo(certificate.certificate().getNotAfter().toInstant());
    }

    @Test
    void certificateReadFromPemAuthenticatesToo() throws Exception {
        String pem = pkcs8Pem(EmulatedGraph.appCertificate.keyPair().getPrivate()) + EmulatedGraph.appCertificate.pem();
        TenantGraph graph = gateway.forTenant(emulated.credential(CredentialMaterial.ClientCertificate.fromPem(pem)));

        TokenInfo token = graph.acquireToken().get(30, TimeUnit.SECONDS);

        assertThat(token.roles()).contains("Calendars.ReadWrite");
    }

    @Test
    void wrongSecretIsCredentialInvalid() {
        TenantGraph graph = gateway.forTenant(emulated.credential(
                new CredentialMaterial.ClientSecret("not-the-secret".toCharArray(), null)));

        assertThatThrownBy(() -> graph.acquireToken().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(GraphFailure.CredentialInvalid.class)
                .satisfies(e -> assertThat(((GraphFailure) e).code()).isEqualTo("AADSTS7000215"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret"));
    }

    @Test
    void expiredSecretIsCredentialExpired() {
        TenantGraph graph = gateway.forTenant(emulated.credential(
                new CredentialMaterial.ClientSecret(EmulatedGraph.EXPIRED_SECRET.toCharArray(), Instant.parse("2020-01-01T00:00:00Z"))));

        assertThatThrownBy(() -> graph.acquireToken().join())
                .cause().isInstanceOf(GraphFailure.CredentialExpired.class)
                .satisfies(e -> assertThat(((GraphFailure) e).code()).isEqualTo("AADSTS7000222"));
    }

    @Test
    void appUnknownInTenantIsCredentialInvalid() {
        TenantGraph graph = gateway.forTenant(emulated.credential(EmulatedGraph.TENANT, "00000000-0000-4000-8000-00000000dead",
                new CredentialMaterial.ClientSecret(EmulatedGraph.SECRET.toCharArray(), null)));

        assertThatThrownBy(() -> graph.acquireToken().join())
                .cause().isInstanceOf(GraphFailure.CredentialInvalid.class)
                .satisfies(e -> assertThat(((GraphFailure) e).code()).isEqualTo("AADSTS700016"));
    }

    @Test
    void credentialFailureSurfacesFromCallsWithoutRetrying() {
        TenantGraph graph = gateway.forTenant(emulated.credential(
                new CredentialMaterial.ClientSecret("still-not-the-secret".toCharArray(), null)));

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(EmulatedGraph.room(1)), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.room(1)).events().get()).join())
                .cause().isInstanceOf(GraphFailure.CredentialInvalid.class);
    }

    @Test
    void appWithoutConsentGetsNoRolesAndCallsFailWithPermissionMissing() throws Exception {
        TenantGraph graph = gateway.forTenant(emulated.credential(EmulatedGraph.TENANT, EmulatedGraph.UNCONSENTED_APP,
                new CredentialMaterial.ClientSecret(EmulatedGraph.SECRET.toCharArray(), null)));

        TokenInfo token = graph.acquireToken().get(30, TimeUnit.SECONDS);

        assertThat(token.roles()).isEmpty();
        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(EmulatedGraph.room(1)), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.room(1)).events().get()).join())
                .cause().isInstanceOf(GraphFailure.PermissionMissing.class)
                .satisfies(e -> assertThat(((GraphFailure) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> graph.call(GraphTarget.directory(), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.room(1)).get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.PermissionMissing.class,
                        f -> assertThat(f.code()).isEqualTo("Authorization_RequestDenied"));
    }

    @Test
    void keepsOneClientPerCredentialAndReplacesItOnRotation() {
        TenantCredential first = emulated.secretCredential();
        TenantGraph graph = gateway.forTenant(first);

        TenantGraph again = gateway.forTenant(emulated.secretCredential());
        TenantGraph rotated = gateway.forTenant(emulated.credential(emulated.certificate()));

        assertThat(again).isSameAs(graph);
        assertThat(rotated).isNotSameAs(graph);
    }

    @Test
    void takesTokensFromTheCacheAndRenewsThemAheadOfExpiry() throws Exception {
        TenantGraph cached = gateway.forTenant(emulated.credential(EmulatedGraph.TENANT, EmulatedGraph.APP,
                new CredentialMaterial.ClientSecret(EmulatedGraph.SECRET.toCharArray(), null)));
        long before = tokensIssued();
        for (int i = 0; i < 3; i++) cached.acquireToken().get(30, TimeUnit.SECONDS);
        long afterCached = tokensIssued();
        // A refresh margin longer than the token's lifetime makes every token due for renewal at once.
        TenantGraph eager = emulated.gateway(EmulatedGraph.testSettings().withTokenRefreshMargin(Duration.ofHours(2)))
                .forTenant(emulated.secretCredential());

        for (int i = 0; i < 3; i++) eager.acquireToken().get(30, TimeUnit.SECONDS);

        assertThat(afterCached - before).isEqualTo(1);
        assertThat(tokensIssued() - afterCached).isEqualTo(3);
    }

    private static long tokensIssued() {
        var events = emulated.counters().getAsJsonObject("events");
        return events.has("tokens.issued") ? events.get("tokens.issued").getAsLong() : 0;
    }

    private static String pkcs8Pem(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
