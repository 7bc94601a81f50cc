package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code calbridge.graph.requests} by status and {@code calbridge.graph.throttled.wait}, against the emulator. */
class GraphMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmulatedGraph emulated = new EmulatedGraph();

    @AfterEach
    void closeEmulator() {
        emulated.close();
    }

    @Test
    void countsEveryRequestByTenantAndStatus() throws Exception {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings(), meters).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(1);
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":503,\"code\":\"ServiceUnavailable\",\"times\":1}");

        graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> sdk.users().byUserId(room).events().get()).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).get()).join())
                .cause().isInstanceOf(GraphFailure.NotFound.class);

        assertThat(requests(EmulatedGraph.TENANT, "503")).isEqualTo(1);
        assertThat(requests(EmulatedGraph.TENANT, "200")).isEqualTo(1);
        assertThat(requests(EmulatedGraph.TENANT, "404")).isEqualTo(1);
    }

    @Test
    void countsTheStepsOfABatchByStatusBesideTheBatchRequest() throws Exception {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings(), meters).forTenant(emulated.secretCredential());
        // Object ids, not UPNs, in $batch sub-request URLs (see BatchTest).
        String room = EmulatedGraph.roomId(EmulatedGraph.TENANT, 4);
        List<BatchStep> steps = List.of(
                BatchStep.of("list", graph.sdk().users().byUserId(room).events().toGetRequestInformation()),
                BatchStep.of("missing", graph.sdk().users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).toGetRequestInformation()));

        graph.batch(GraphTarget.mailbox(room), Priority.BACKGROUND, steps).get(30, TimeUnit.SECONDS);

        assertThat(meters.counter("calbridge.graph.batch.steps", "tenant", EmulatedGraph.TENANT, "status", "200").count()).isEqualTo(1);
        assertThat(meters.counter("calbridge.graph.batch.steps", "tenant", EmulatedGraph.TENANT, "status", "404").count()).isEqualTo(1);
        assertThat(requests(EmulatedGraph.TENANT, "200")).as("the $batch request itself").isEqualTo(1);
    }

    @Test
    void countsARequestThatGotNoAnswerAsAnIoError() throws Exception {
        GraphSettings settings = EmulatedGraph.testSettings()
                .withRetry(new GraphSettings.Retry(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30)));
        TenantCredential normal = emulated.secretCredential();
        TenantCredential unreachable = new TenantCredential(normal.tenantId(), normal.clientId(), normal.secret(), normal.authorityHost(),
                URI.create("http://127.0.0.1:" + closedPort() + "/v1.0"), normal.trust());
        TenantGraph graph = emulated.gateway(settings, meters).forTenant(unreachable);
        String room = EmulatedGraph.room(1);

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).events().get()).join()).isNotNull();

        assertThat(requests(EmulatedGraph.TENANT, "io-error")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void timesTheWaitForRetryAfterAndTheCallsHeldBehindIt() throws Exception {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings(), meters).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(2);
        graph.acquireToken().get(30, TimeUnit.SECONDS);
        // The emulator answers an injected 429 with Retry-After: 1.
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"status\":429,\"code\":\"ApplicationThrottled\",\"times\":1}");

        var throttled = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> sdk.users().byUserId(room).events().get());
        await().atMost(Duration.ofSeconds(10)).until(() -> requests(EmulatedGraph.TENANT, "429") == 1);
        var heldBehind = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> sdk.users().byUserId(room).calendar().get());
        CompletableFuture.allOf(throttled, heldBehind).get(30, TimeUnit.SECONDS);

        var retryAfter = meters.timer("calbridge.graph.throttled.wait", "tenant", EmulatedGraph.TENANT, "reason", "retry-after");
        assertThat(retryAfter.count()).isEqualTo(1);
        assertThat(retryAfter.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_000);
        assertThat(meters.timer("calbridge.graph.throttled.wait", "tenant", EmulatedGraph.TENANT, "reason", "paused").count())
                .as("the call sent to the mailbox during its Retry-After waited too").isGreaterThanOrEqualTo(1);
    }

    @Test
    void timesTheWaitForThePacingWindow() throws Exception {
        GraphSettings settings = EmulatedGraph.testSettings().withPacing(GraphSettings.Pacing.defaults()
                .withMailbox(4, 2, Duration.ofSeconds(1)).withWindowMargin(Duration.ZERO));
        TenantGraph graph = emulated.gateway(settings, meters).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(3);
        graph.acquireToken().get(30, TimeUnit.SECONDS);

        List<CompletableFuture<?>> calls = List.of(
                graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND, sdk -> sdk.users().byUserId(room).events().get()),
                graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND, sdk -> sdk.users().byUserId(room).events().get()),
                graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND, sdk -> sdk.users().byUserId(room).events().get()));
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        var pacing = meters.timer("calbridge.graph.throttled.wait", "tenant", EmulatedGraph.TENANT, "reason", "pacing");
        assertThat(pacing.count()).as("the third request of a two-per-window budget waited").isEqualTo(1);
        assertThat(pacing.totalTime(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(requests(EmulatedGraph.TENANT, "429")).isZero();
    }

    @Test
    void registersEveryThrottledWaitSeriesOfANewTenantAtZero() {
        emulated.gateway(EmulatedGraph.testSettings(), meters).forTenant(emulated.secretCredential());

        assertThat(meters.find("calbridge.graph.throttled.wait").tag("tenant", EmulatedGraph.TENANT).timers())
                .extracting(timer -> timer.getId().getTag("reason")).containsExactlyInAnyOrder("retry-after", "backoff", "paused", "pacing");
        assertThat(meters.find("calbridge.graph.throttled.wait").timers()).allSatisfy(timer -> assertThat(timer.count()).isZero());
    }

    private double requests(String tenant, String status) {
        return meters.counter("calbridge.graph.requests", "tenant", tenant, "status", status).count();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
