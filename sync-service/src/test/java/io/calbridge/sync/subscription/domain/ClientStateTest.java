package io.calbridge.sync.subscription.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientStateTest {

    @Test
    void theSecretMatchesItsStoredHashAndNothingElseDoes() {
        String secret = ClientState.generate();
        String stored = ClientState.hash(secret);

        assertThat(stored).doesNotContain(secret);
        assertThat(ClientState.matches(secret, stored)).isTrue();
        assertThat(ClientState.matches(secret + "x", stored)).isFalse();
        assertThat(ClientState.matches(null, stored)).isFalse();
        assertThat(ClientState.matches(secret, null)).isFalse();
    }

    @Test
    void everySecretIsNewAndFitsGraphsLimit() {
        String a = ClientState.generate();

        assertThat(a).isNotEqualTo(ClientState.generate());
        assertThat(a.length()).isLessThanOrEqualTo(128);
    }
}
