package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.microsoft.graph.models.EventCollectionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacingTest {
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
    void neverHasMoreThanFourRequestsInFlightPerMailbox() throws Exception {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(1);
        // Slow answers make the 20 calls overlap, so that only our pacing keeps them to four at a time.
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"latencyMs\":150}");

        List<CompletableFuture<EventCollectionResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND, sdk -> sdk.users().byUserId(room).events().get()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        JsonObject counters = emulated.counters();
        int maxInFlight = counters.getAsJsonObject("maxConcurrencyByMailbox").get(EmulatedGraph.roomId(EmulatedGraph.TENANT, 1)).getAsInt();
        assertThat(maxInFlight).isEqualTo(4);
        assertThat(counters.get("throttled").getAsLong()).isZero();
    }

    @Test
    void callsReturnBeforeAnyRequestIsSent() {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(2);
        CountDownLatch gate = new CountDownLatch(1);

        // Twelve calls against a mailbox whose four slots are all held: the caller's thread must not wait for any of them.
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND, sdk -> {
                hold(gate);
                return 1;
            }));
        }

        assertThat(calls).noneMatch(CompletableFuture::isDone);
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void interactiveCallsOvertakeQueuedBackgroundCalls() {
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(3);
        GraphTarget target = GraphTarget.mailbox(room);
        List<CountDownLatch> gates = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        List<String> started = new CopyOnWriteArrayList<>();

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (CountDownLatch gate : gates) {
            calls.add(graph.call(target, Priority.BACKGROUND, sdk -> {
                started.add("holder");
                hold(gate);
                return sdk.users().byUserId(room).events().get();
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 4);
        for (int i = 0; i < 6; i++) {
            String name = "background-" + i;
            calls.add(graph.call(target, Priority.BACKGROUND, sdk -> {
                started.add(name);
                return sdk.users().byUserId(room).events().get();
            }));
        }
        calls.add(graph.call(target, Priority.INTERACTIVE, sdk -> {
            started.add("interactive");
            return sdk.users().byUserId(room).events().get();
        }));

        // One slot frees: it must go to the interactive call, queued last.
        gates.getFirst().countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() >= 5);
        assertThat(started.get(4)).isEqualTo("interactive");

        gates.forEach(CountDownLatch::countDown);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls).noneMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(started).hasSize(11);
    }

    private static void hold(CountDownLatch gate) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
