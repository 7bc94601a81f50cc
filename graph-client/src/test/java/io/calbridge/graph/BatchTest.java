package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.graph.models.Event;
import com.microsoft.kiota.RequestInformation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest {
    private EmulatedGraph emulated;
    private TenantGraph graph;

    @BeforeEach
    void start() {
        emulated = new EmulatedGraph();
        graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
    }

    @AfterEach
    void stop() {
        emulated.close();
    }

    @Test
    void splitsFortyFiveStepsIntoThreeHttpBatches() throws Exception {
        // Object ids, not UPNs: the emulator does not percent-decode $batch sub-request URLs ("%40").
        String room = EmulatedGraph.roomId(EmulatedGraph.TENANT, 1);
        List<BatchStep> steps = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            steps.add(BatchStep.of("create-" + i, graph.sdk().users().byUserId(room).events().toPostRequestInformation(event("Meeting " + i))));
        }

        BatchResult result = graph.batch(GraphTarget.mailbox(room), Priority.BACKGROUND, steps).get(60, TimeUnit.SECONDS);

        assertThat(result.allSucceeded()).as("%s", result).isTrue();
        assertThat(result.httpBatches()).isEqualTo(3);
        assertThat(result.step("create-44").status()).isEqualTo(201);
        assertThat(result.step("create-44").as(Event::createFromDiscriminatorValue).getSubject()).isEqualTo("Meeting 44");
        JsonObject counters = emulated.counters();
        assertThat(counters.getAsJsonObject("byPath").get("POST /$batch").getAsInt()).isEqualTo(3);
        assertThat(counters.get("throttled").getAsInt()).isZero();
        var stored = graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(room).events().get(c -> c.queryParameters.top = 100)).get(30, TimeUnit.SECONDS);
        assertThat(stored.getValue()).hasSize(45);
    }

    @Test
    void mapsA424BackToTheStepThatFailed() throws Exception {
        // Object ids, not UPNs: the emulator does not percent-decode $batch sub-request URLs ("%40").
        String room = EmulatedGraph.roomId(EmulatedGraph.TENANT, 2);
        List<BatchStep> steps = List.of(
                BatchStep.of("read-missing", graph.sdk().users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).toGetRequestInformation()),
                BatchStep.of("update", patch(room, EmulatedGraph.MISSING_EVENT), "read-missing"),
                BatchStep.of("after-update", graph.sdk().users().byUserId(room).events().toPostRequestInformation(event("after")), "update"),
                BatchStep.of("independent", graph.sdk().users().byUserId(room).events().toPostRequestInformation(event("independent"))));

        BatchResult result = graph.batch(GraphTarget.mailbox(room), Priority.INTERACTIVE, steps).get(60, TimeUnit.SECONDS);

        assertThat(result.step("read-missing").failure()).isInstanceOf(GraphFailure.NotFound.class);
        assertThat(result.step("update").status()).isEqualTo(424);
        assertThat(result.step("update").failedDependency()).isEqualTo("read-missing");
        assertThat(result.step("update").failure()).isSameAs(result.step("read-missing").failure());
        assertThat(result.step("after-update").failedDependency()).isEqualTo("read-missing");
        assertThat(result.step("independent").succeeded()).as("%s", result).isTrue();
    }

    @Test
    void resendsOnlyTheThrottledStepAndItsDependantsSoEveryStepRunsOnce() throws Exception {
        // Object ids, not UPNs: the emulator does not percent-decode $batch sub-request URLs ("%40").
        String room = EmulatedGraph.roomId(EmulatedGraph.TENANT, 3);
        emulated.fault("{\"pathPattern\":\"/calendarView$\",\"status\":429,\"code\":\"ApplicationThrottled\",\"times\":1}");
        RequestInformation view = graph.sdk().users().byUserId(room).calendarView().toGetRequestInformation(c -> {
            c.queryParameters.startDateTime = "2031-01-01T00:00:00Z";
            c.queryParameters.endDateTime = "2031-01-02T00:00:00Z";
        });
        List<BatchStep> steps = List.of(
                BatchStep.of("create", graph.sdk().users().byUserId(room).events().toPostRequestInformation(event("once"))),
                BatchStep.of("view", view),
                BatchStep.of("after-view", graph.sdk().users().byUserId(room).events().toPostRequestInformation(event("after view")), "view"),
                BatchStep.of("missing", graph.sdk().users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).toGetRequestInformation()));

        BatchResult result = graph.batch(GraphTarget.mailbox(room), Priority.BACKGROUND, steps).get(60, TimeUnit.SECONDS);

        assertThat(result.step("missing").failure()).isInstanceOf(GraphFailure.NotFound.class);
        assertThat(result.step("missing").attempts()).isEqualTo(1);
        assertThat(result.steps().values()).filteredOn(s -> !s.id().equals("missing")).allMatch(BatchResult.Step::succeeded);
        assertThat(result.step("create").attempts()).isEqualTo(1);
        assertThat(result.step("view").attempts()).isEqualTo(2);
        assertThat(result.step("view").headers()).hasEntrySatisfying("preference-applied",
                v -> assertThat(v).contains("outlook.timezone=\"UTC\"").contains("IdType=\"ImmutableId\""));
        assertThat(result.step("after-view").attempts()).isEqualTo(1);
        assertThat(result.httpBatches()).isEqualTo(2);
        var stored = graph.call(GraphTarget.mailbox(room), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(room).events().get()).get(30, TimeUnit.SECONDS);
        assertThat(stored.getValue()).extracting(Event::getSubject).containsExactlyInAnyOrder("once", "after view");
    }

    private RequestInformation patch(String room, String eventId) {
        Event change = new Event();
        change.setSubject("changed");
        return graph.sdk().users().byUserId(room).events().byEventId(eventId).toPatchRequestInformation(change);
    }

    private static Event event(String subject) {
        Event e = new Event();
        e.setSubject(subject);
        e.setStart(GraphCallTest.dateTime("2031-01-01T10:00:00"));
        e.setEnd(GraphCallTest.dateTime("2031-01-01T10:30:00"));
        return e;
    }
}
