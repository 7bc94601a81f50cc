package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private EmulatedGraph emulated;
    private GraphGateway gateway;

    @BeforeEach
    void start() {
        emulated = new EmulatedGraph();
        // One attempt per call keeps the storm short; the breaker opens at 50 % failures after 5 calls.
        gateway = emulated.gateway(EmulatedGraph.testSettings()
                .withRetry(new GraphSettings.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1))));
    }

    @AfterEach
    void stop() {
        emulated.close();
    }

    @Test
    void persistent503sOpenOneTenantsCircuitWhileAnotherTenantWorks() throws Exception {
        TenantGraph contoso = gateway.forTenant(emulated.secretCredential());
        TenantGraph fabrikam = gateway.forTenant(emulated.credential(EmulatedGraph.OTHER_TENANT, EmulatedGraph.APP,
                new CredentialMaterial.ClientSecret(EmulatedGraph.SECRET.toCharArray(), null)));
        emulated.fault("{\"pathPattern\":\"@contoso.test/\",\"status\":503,\"code\":\"serviceNotAvailable\"}");

        for (int i = 1; i <= 5; i++) {
            String room = EmulatedGraph.room(1 + i % EmulatedGraph.ROOM_COUNT);
            assertThatThrownBy(() -> contoso.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                    sdk -> sdk.users().byUserId(room).events().get()).join())
                    .cause().isInstanceOf(GraphFailure.Transient.class);
        }

        assertThat(contoso.circuitState()).isEqualTo(CircuitState.OPEN);
        long before = emulated.counters().get("requests").getAsLong();
        assertThatThrownBy(() -> contoso.call(GraphTarget.mailbox(EmulatedGraph.room(1)), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.room(1)).events().get()).join())
                .cause().isInstanceOf(GraphFailure.CircuitOpen.class);
        assertThat(emulated.counters().get("requests").getAsLong()).isEqualTo(before);
        var other = fabrikam.call(GraphTarget.mailbox(EmulatedGraph.otherRoom(1)), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.otherRoom(1)).events().get()).get(30, TimeUnit.SECONDS);
        assertThat(other.getValue()).isNotNull();
        assertThat(fabrikam.circuitState()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void timeoutsOpenTheCircuit() {
        GraphGateway impatient = emulated.gateway(EmulatedGraph.testSettings()
                .withRetry(new GraphSettings.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)))
                .withTimeouts(new GraphSettings.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(400))));
        TenantGraph contoso = impatient.forTenant(emulated.secretCredential());
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"latencyMs\":1500}");

        for (int i = 1; i <= 5; i++) {
            String room = EmulatedGraph.room(1 + i % EmulatedGraph.ROOM_COUNT);
            assertThatThrownBy(() -> contoso.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                    sdk -> sdk.users().byUserId(room).events().get()).join())
                    .cause().isInstanceOfSatisfying(GraphFailure.Transient.class, f -> {
                        assertThat(f.status()).isZero();
                        assertThat(f.code()).isEqualTo("Timeout");
                    });
        }

        assertThat(contoso.circuitState()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void clientErrorsNeverOpenTheCircuit() {
        TenantGraph contoso = gateway.forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(2);

        CompletableFuture<?>[] calls = new CompletableFuture<?>[20];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = contoso.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                    sdk -> sdk.users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).get());
        }

        for (CompletableFuture<?> call : calls) {
            assertThatThrownBy(call::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(GraphFailure.NotFound.class);
        }
        assertThat(contoso.circuitState()).isEqualTo(CircuitState.CLOSED);
    }
}
