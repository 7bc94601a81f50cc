package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.graph.models.ReferenceCreate;
import io.calbridge.emulator.EmulatorOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our budgets against the emulator's throttling, with windows shortened on both sides: the emulator answers 429
 * the moment a limit is passed, so zero 429s proves we stayed within every window, and its concurrency counter
 * proves the four-in-flight limit.
 */
class BudgetTest {
    private static final int MAILBOXES = 100;
    private EmulatedGraph emulated;

    @AfterEach
    void stop() {
        emulated.close();
    }

    @Test
    void aThousandCallsAcrossAHundredMailboxesCauseNoThrottling() throws Exception {
        emulated = new EmulatedGraph(EmulatorOptions.defaults().toBuilder().mailboxRequests(6, Duration.ofSeconds(2)).build(), MAILBOXES);
        // The margin covers the time between our stamp and the emulator's count, which grows with 1,000 calls on a shared CPU.
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings().withPacing(GraphSettings.Pacing.defaults()
                .withMailbox(4, 6, Duration.ofSeconds(2)).withWindowMargin(Duration.ofMillis(500)))).forTenant(emulated.secretCredential());
        emulated.fault("{\"pathPattern\":\"/users/[^/]+/events$\",\"latencyMs\":20}");

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (int m = 1; m <= MAILBOXES; m++) {
                String room = EmulatedGraph.room(m);
                Priority priority = m % 10 == 0 ? Priority.INTERACTIVE : Priority.BACKGROUND;
                calls.add(graph.call(GraphTarget.mailbox(room), priority, sdk -> sdk.users().byUserId(room).events().get()));
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        JsonObject counters = emulated.counters();
        assertThat(counters.get("throttled").getAsLong()).isZero();
        Map<String, JsonElement> maxInFlight = counters.getAsJsonObject("maxConcurrencyByMailbox").asMap();
        assertThat(maxInFlight).hasSize(MAILBOXES);
        assertThat(maxInFlight.values()).allSatisfy(n -> assertThat(n.getAsInt()).isBetween(1, 4));
        assertThat(counters.getAsJsonObject("byMailbox").asMap().values()).allSatisfy(n -> assertThat(n.getAsInt()).isEqualTo(10));
    }

    @Test
    void everyRequestOfACallIsChargedNotOnlyTheFirst() throws Exception {
        emulated = new EmulatedGraph(EmulatorOptions.defaults().toBuilder().mailboxRequests(2, Duration.ofSeconds(1)).build(), 4);
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings().withPacing(GraphSettings.Pacing.defaults()
                .withMailbox(4, 2, Duration.ofSeconds(1)).withWindowMargin(Duration.ofMillis(300)))).forTenant(emulated.secretCredential());
        String room = EmulatedGraph.room(1);
        graph.acquireToken().get(30, TimeUnit.SECONDS);

        long start = System.nanoTime();
        int pages = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE, sdk -> {
            for (int i = 0; i < 3; i++) sdk.users().byUserId(room).events().get();
            return 3;
        }).get(30, TimeUnit.SECONDS);

        assertThat(pages).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(emulated.counters().get("throttled").getAsLong()).isZero();
    }

    @Test
    void directoryWritesStayWithinTheTenantWriteBudget() throws Exception {
        emulated = new EmulatedGraph(EmulatorOptions.defaults().toBuilder().directoryWrites(4, Duration.ofSeconds(1)).build(), 12);
        TenantGraph graph = emulated.gateway(EmulatedGraph.testSettings().withPacing(GraphSettings.Pacing.defaults()
                .withDirectoryWrites(4, Duration.ofSeconds(1)).withWindowMargin(Duration.ofMillis(300)))).forTenant(emulated.secretCredential());
        graph.acquireToken().get(30, TimeUnit.SECONDS);

        long start = System.nanoTime();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            ReferenceCreate member = new ReferenceCreate();
            member.setOdataId("https://graph.microsoft.com/v1.0/directoryObjects/" + EmulatedGraph.roomId(EmulatedGraph.TENANT, m));
            writes.add(graph.call(GraphTarget.directory(), Priority.BACKGROUND, sdk -> {
                sdk.groups().byGroupId("team").members().ref().post(member);
                return null;
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(emulated.counters().get("throttled").getAsLong()).isZero();
        var members = graph.call(GraphTarget.directory(), Priority.BACKGROUND,
                sdk -> sdk.groups().byGroupId("team").members().get()).get(30, TimeUnit.SECONDS);
        assertThat(members.getValue()).hasSize(12);
    }
}
