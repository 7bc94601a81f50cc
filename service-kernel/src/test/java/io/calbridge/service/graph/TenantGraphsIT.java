package io.calbridge.service.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.messaging.UnknownTenant;
import io.calbridge.testsupport.RealInfrastructure;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(classes = TenantGraphsIT.App.class, properties = {
        "spring.application.name=tenant-graphs-it",
        "spring.flyway.locations=classpath:db/kernel",
        "calbridge.encryption-key=" + TenantGraphsIT.KEY})
class TenantGraphsIT {

    static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    static final String TENANT = "11111111-2222-3333-4444-555555555555";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    static GraphEmulator emulator;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = GraphEmulator.start(EmulatorOptions.defaults());
        try (InputStream seed = GraphEmulator.class.getResourceAsStream("/seeds/small.json")) {
            emulator.seed(new String(seed.readAllBytes()));
        }
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Autowired
    TenantGraphs graphs;
    @Autowired
    io.calbridge.service.health.GraphHealthIndicator graphHealth;
    @Autowired
    io.calbridge.service.health.KafkaHealthIndicator kafkaHealth;

    private final CredentialSeal seal = CredentialSeal.fromBase64Key(KEY);

    @Test
    void reachesGraphWithTheOpenedSecretAndTrustedAuthority() throws Exception {
        TenantConfigured tenant = configured("local-secret", Instant.now().plus(30, ChronoUnit.DAYS));

        var graph = graphs.forConfiguration(tenant);
        var token = graph.acquireToken().get(30, TimeUnit.SECONDS);
        var alice = graph.call(new GraphTarget.Mailbox("u-alice"), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId("u-alice").get()).get(30, TimeUnit.SECONDS);

        assertThat(token.roles()).contains("Calendars.ReadWrite", "Place.Read.All");
        assertThat(alice.getUserPrincipalName()).isEqualTo("alice@contoso.onmicrosoft.com");
        var health = graphHealth.health(true);
        assertThat(health.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.getDetails().get("tenants").toString()).contains(TENANT).contains("circuit=CLOSED").contains("credentialDaysLeft=29");
        assertThat(kafkaHealth.health(true).getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void aWrongSecretIsACredentialFailureNotAGuess() throws Exception {
        TenantConfigured tenant = configured("not-the-secret", Instant.now().plus(30, ChronoUnit.DAYS));

        assertThatThrownBy(() -> graphs.forConfiguration(tenant).acquireToken().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(GraphFailure.CredentialInvalid.class);
    }

    @Test
    void anUnconfiguredTenantIsUnknown() {
        assertThatThrownBy(() -> graphs.forTenant("no-such-tenant")).isInstanceOf(UnknownTenant.class);
    }

    private TenantConfigured configured(String secret, Instant expires) throws Exception {
        String sealed = seal.seal(secret.toCharArray(), TENANT + "/cred-1");
        return new TenantConfigured(TENANT, "Contoso", "00000000-0000-0000-0000-00000000a001",
                emulator.authorityHost(), emulator.graphBaseUrl(), trustPem(),
                List.of(new SealedCredential("cred-1", SealedCredential.Kind.CLIENT_SECRET, sealed, null, expires)),
                1, Instant.now(), null);
    }

    private static String trustPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.trustStore())) {
            store.load(in, emulator.trustStorePassword());
        }
        StringBuilder pem = new StringBuilder();
        for (String alias : java.util.Collections.list(store.aliases())) {
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }
}
