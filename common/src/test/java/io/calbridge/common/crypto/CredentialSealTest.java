package io.calbridge.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialSealTest {

    private final CredentialSeal seal = CredentialSeal.fromBase64Key(CredentialSeal.newBase64Key());

    @Test
    void opensWhatItSealedForTheSameContext() {
        String sealed = seal.seal("s3cret~ünïcode".toCharArray(), "tenant-a/cred-1");

        assertThat(seal.open(sealed, "tenant-a/cred-1")).containsExactly("s3cret~ünïcode".toCharArray());
        assertThat(sealed).doesNotContain("s3cret");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(seal.seal("x".toCharArray(), "c")).isNotEqualTo(seal.seal("x".toCharArray(), "c"));
    }

    @Test
    void refusesAnotherContext() {
        String sealed = seal.seal("s3cret".toCharArray(), "tenant-a/cred-1");

        assertThatExceptionOfType(CredentialSeal.SealBrokenException.class)
                .isThrownBy(() -> seal.open(sealed, "tenant-b/cred-1"))
                .withMessageContaining("tenant-b/cred-1");
    }

    @Test
    void refusesAnotherKey() {
        String sealed = seal.seal("s3cret".toCharArray(), "c");
        CredentialSeal other = CredentialSeal.fromBase64Key(CredentialSeal.newBase64Key());

        assertThatExceptionOfType(CredentialSeal.SealBrokenException.class).isThrownBy(() -> other.open(sealed, "c"));
    }

    @Test
    void refusesTamperedCiphertext() {
        byte[] raw = Base64.getDecoder().decode(seal.seal("s3cret".toCharArray(), "c"));
        raw[raw.length - 1] ^= 1;

        assertThatExceptionOfType(CredentialSeal.SealBrokenException.class)
                .isThrownBy(() -> seal.open(Base64.getEncoder().encodeToString(raw), "c"));
    }

    @Test
    void refusesGarbage() {
        assertThatExceptionOfType(CredentialSeal.SealBrokenException.class).isThrownBy(() -> seal.open("not base64!", "c"));
        assertThatExceptionOfType(CredentialSeal.SealBrokenException.class).isThrownBy(() -> seal.open("AAAA", "c"));
    }

    @Test
    void rejectsKeysThatAreNotAes256() {
        assertThatIllegalArgumentException().isThrownBy(() -> CredentialSeal.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])))
                .withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> CredentialSeal.fromBase64Key("%%%"));
        assertThat(seal.toString()).doesNotContain("=");
    }
}
