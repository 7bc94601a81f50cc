package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In a container the emulator listens on every interface and names itself after its service. */
class ContainerAddressingIT {

    @Test
    void servesOnAllInterfacesUnderItsPublicName() throws Exception {
        var options = EmulatorOptions.defaults().toBuilder().bindAddress("0.0.0.0").publicHost("graph-emulator").build();

        try (GraphEmulator emulator = GraphEmulator.start(options)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(emulator.certificatePem())));
            List<String> names = certificate.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
            int port = URI.create(emulator.controlUrl()).getPort();
            var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/_emulator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(emulator.graphBaseUrl()).startsWith("http://graph-emulator:");
            assertThat(emulator.authorityHost()).startsWith("https://graph-emulator:");
            assertThat(names).contains("graph-emulator", "localhost", "127.0.0.1");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
