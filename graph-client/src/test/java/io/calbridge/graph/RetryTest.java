package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private EmulatedGraph emulated;

    @BeforeEach
    void start() {
        emulated = new EmulatedGraph();
    }

    @AfterEach
    void stop() {
        emulated.close();
    }

    @Test
    void retriesA429AfterItsRetryAfterAndSucceeds() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings(), meters).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(1);
        graph.acquireToken().get(30, TimeUnit.SECONDS);
        // The emulator answers an injected 429 with Retry-After: 1.
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":429,\"code\":\"ApplicationThrottled\",\"times\":1}");

        long start = System.nanoTime();
        var events = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> sdk.users().byUserId(room).events().get())
                .get(30, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(events.getValue()).isNotNull();
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        JsonObject byStatus = emulated.counters().getAsJsonObject("byStatus");
        assertThat(byStatus.get("429").getAsInt()).isEqualTo(1);
        assertThat(byStatus.get("200").getAsInt()).isEqualTo(1);
        assertThat(meters.counter("calbridge.graph.retries", "tenant", EmulatedGraph.TENANT, "reason", "429").count()).isEqualTo(1);
        assertThat(meters.counter("calbridge.graph.calls", "tenant", EmulatedGraph.TENANT, "target", "mailbox", "outcome", "success").count()).isEqualTo(1);
    }

    @Test
    void retries503And504WithoutRetryAfterUsingBackoff() throws Exception {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(2);
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/calendarView$\",\"status\":504,\"code\":\"GatewayTimeout\",\"times\":2}");

        var view = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> sdk.users().byUserId(room).calendarView()
                        .get(c -> {
                            c.queryParameters.startDateTime = "2031-01-01T00:00:00Z";
                            c.queryParameters.endDateTime = "2031-01-02T00:00:00Z";
                        }))
                .get(30, TimeUnit.SECONDS);

        assertThat(view.getValue()).isNotNull();
        assertThat(emulated.counters().getAsJsonObject("byStatus").get("504").getAsInt()).isEqualTo(2);
    }

    @Test
    void givesUpAsThrottledWithTheLastRetryAfterWhenAttemptsRunOut() {
        GraphSettings settings = EmulatedGraph.testSettings()
                .withRetry(new GraphSettings.Retry(2, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        TenantGraph graph = emulated.gateway(settings).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(3);
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":429,\"code\":\"TooManyRequests\"}");

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(room).events().get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.Throttled.class, f -> {
                    assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(f.code()).isEqualTo("TooManyRequests");
                });
        assertThat(emulated.counters().getAsJsonObject("byStatus").get("429").getAsInt()).isEqualTo(2);
    }

    @Test
    void doesNotWaitForARetryAfterLongerThanConfigured() {
        GraphSettings settings = EmulatedGraph.testSettings()
                .withRetry(new GraphSettings.Retry(4, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(500)));
        TenantGraph graph = emulated.gateway(settings).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(1);
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":429,\"code\":\"TooManyRequests\",\"times\":1}");

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).events().get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.Throttled.class,
                        f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(emulated.counters().get("requests").getAsInt()).isEqualTo(1);
    }

    @Test
    void doesNotRetryClientErrors() {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(4);
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":409,\"code\":\"ErrorConflict\",\"times\":1}");

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(room).events().get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.Rejected.class, f -> assertThat(f.status()).isEqualTo(409));
        assertThat(emulated.counters().get("requests").getAsInt()).isEqualTo(1);
    }
}
