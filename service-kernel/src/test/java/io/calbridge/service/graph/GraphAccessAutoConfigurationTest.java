package io.calbridge.service.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.graph.GraphSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class GraphAccessAutoConfigurationTest {

    final GraphAccessAutoConfiguration configuration = new GraphAccessAutoConfiguration();

    @Test
    void aMissingEncryptionKeyStopsTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> configuration.credentialSeal(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("calbridge.encryption-key").hasMessageContaining("CALBRIDGE_ENCRYPTION_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aMalformedEncryptionKeyStopsTheServiceWithAClearMessage() {
        var environment = new MockEnvironment().withProperty("calbridge.encryption-key", "c2hvcnQ=");

        assertThatThrownBy(() -> configuration.credentialSeal(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is invalid").hasMessageContaining("32");
    }

    @Test
    void aValidKeySealsAndOpensForTheSameContextOnly() {
        var environment = new MockEnvironment().withProperty("calbridge.encryption-key", CredentialSeal.newBase64Key());
        CredentialSeal seal = configuration.credentialSeal(environment);

        String sealed = seal.seal("s3cret".toCharArray(), "t1/c1");

        assertThat(sealed).doesNotContain("s3cret");
        assertThat(seal.open(sealed, "t1/c1")).containsExactly("s3cret".toCharArray());
        assertThatThrownBy(() -> seal.open(sealed, "t2/c1")).isInstanceOf(CredentialSeal.SealBrokenException.class);
    }

    @Test
    void graphBudgetsAreMicrosoftsUnlessSetUnderCalbridgeGraph() {
        assertThat(GraphAccessAutoConfiguration.graphSettings(new MockEnvironment())).isEqualTo(GraphSettings.defaults());

        GraphSettings set = GraphAccessAutoConfiguration.graphSettings(new MockEnvironment()
                .withProperty("calbridge.graph.mailbox-requests", "3")
                .withProperty("calbridge.graph.mailbox-window", "PT5S")
                .withProperty("calbridge.graph.directory-writes", "400")
                .withProperty("calbridge.graph.directory-write-window", "8s")
                .withProperty("calbridge.graph.window-margin", "150ms")
                .withProperty("calbridge.graph.max-attempts", "7"));

        assertThat(set.pacing().mailboxRequests()).isEqualTo(3);
        assertThat(set.pacing().mailboxWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.pacing().mailboxConcurrency()).isEqualTo(GraphSettings.defaults().pacing().mailboxConcurrency());
        assertThat(set.pacing().directoryWrites()).isEqualTo(400);
        assertThat(set.pacing().directoryWriteWindow()).isEqualTo(Duration.ofSeconds(8));
        assertThat(set.pacing().windowMargin()).isEqualTo(Duration.ofMillis(150));
        assertThat(set.retry().maxAttempts()).isEqualTo(7);
        assertThat(set.retry().initialBackoff()).isEqualTo(GraphSettings.defaults().retry().initialBackoff());
    }
}
