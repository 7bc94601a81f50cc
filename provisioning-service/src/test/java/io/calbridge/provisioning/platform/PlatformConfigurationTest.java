package io.calbridge.provisioning.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.common.crypto.CredentialSeal;
import org.junit.jupiter.api.Test;

class PlatformConfigurationTest {

    final PlatformConfiguration configuration = new PlatformConfiguration();

    @Test
    void aMissingEncryptionKeyStopsTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> configuration.credentialSeal(""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("calbridge.encryption-key").hasMessageContaining("CALBRIDGE_ENCRYPTION_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aMalformedEncryptionKeyStopsTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> configuration.credentialSeal("c2hvcnQ="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is invalid").hasMessageContaining("32");
    }

    @Test
    void aValidKeySealsAndOpensForTheSameContextOnly() {
        CredentialSeal seal = configuration.credentialSeal(CredentialSeal.newBase64Key());

        String sealed = seal.seal("s3cret".toCharArray(), "t1/c1");

        assertThat(sealed).doesNotContain("s3cret");
        assertThat(seal.open(sealed, "t1/c1")).containsExactly("s3cret".toCharArray());
        assertThatThrownBy(() -> seal.open(sealed, "t2/c1")).isInstanceOf(CredentialSeal.SealBrokenException.class);
    }
}
