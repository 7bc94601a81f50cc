package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON batching: limits, dependsOn with 424, per-request throttling and the four-at-a-time rule. */
class BatchIT {
    private static Fixture f;
    private static String token;

    @BeforeAll
    static void start() {
        f = new Fixture();
        token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
    }

    @AfterAll
    static void stop() { f.close(); }

    private static Map<String, JsonNode> byId(JsonNode batch) {
        Map<String, JsonNode> out = new HashMap<>();
        batch.path("responses").forEach(r -> out.put(r.path("id").asText(), r));
        return out;
    }

    @Test
    void sdkBatchRunsEachRequest() throws Exception {
        GraphServiceClient graph = f.syncGraph();
        BatchRequestContent batch = new BatchRequestContent(graph);
        String alice = batch.addBatchRequestStep(graph.users().byUserId("u-alice").toGetRequestInformation());
        String ghost = batch.addBatchRequestStep(graph.users().byUserId("u-ghost").toGetRequestInformation());

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponseById(alice, User::createFromDiscriminatorValue).getDisplayName()).isEqualTo("Alice Adams");
        assertThat(response.getResponseById(ghost).code()).isEqualTo(404);
    }

    @Test
    void dependantsOfAFailedRequestGet424() {
        String body = """
                {"requests":[
                  {"id":"1","method":"GET","url":"/users/u-ghost"},
                  {"id":"2","method":"GET","url":"/users/u-alice","dependsOn":["1"]},
                  {"id":"3","method":"POST","url":"/users/u-alice/events","headers":{"Content-Type":"application/json"},
                   "body":{"subject":"In batch","start":{"dateTime":"2026-12-01T09:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-12-01T10:00:00","timeZone":"UTC"}}},
                  {"id":"4","method":"GET","url":"/users/u-bob","dependsOn":["3"]}
                ]}""";

        var r = f.raw("POST", "/$batch", token, body);

        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, JsonNode> res = byId(Fixture.json(r));
        assertThat(res.get("1").path("status").asInt()).isEqualTo(404);
        assertThat(res.get("2").path("status").asInt()).isEqualTo(424);
        assertThat(res.get("3").path("status").asInt()).isEqualTo(201);
        assertThat(res.get("3").at("/body/subject").asText()).isEqualTo("In batch");
        assertThat(res.get("4").path("status").asInt()).isEqualTo(200);
    }

    @Test
    void subRequestUrlsArePercentDecodedLikeTopLevelPaths() {
        String body = "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users/alice%40contoso.onmicrosoft.com\"}]}";

        var r = f.raw("POST", "/$batch", token, body);

        JsonNode alice = byId(Fixture.json(r)).get("1");
        assertThat(alice.path("status").asInt()).isEqualTo(200);
        assertThat(alice.at("/body/id").asText()).isEqualTo("u-alice");
    }

    @Test
    void moreThanTwentyRequestsIs400() {
        String requests = IntStream.range(0, 21).mapToObj(i -> "{\"id\":\"" + i + "\",\"method\":\"GET\",\"url\":\"/users/u-alice\"}")
                .collect(Collectors.joining(","));

        var r = f.raw("POST", "/$batch", token, "{\"requests\":[" + requests + "]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("BadRequest");
    }

    @Test
    void runsAtMostFourAtATimeSoASingleMailboxBatchIsNotThrottled() {
        f.control("POST", "/faults", "{\"pathPattern\":\"^/users/u-erin/events$\",\"method\":\"GET\",\"latencyMs\":300}");
        f.control("POST", "/counters/reset", null);
        try {
            String requests = IntStream.range(0, 10).mapToObj(i -> "{\"id\":\"" + i + "\",\"method\":\"GET\",\"url\":\"/users/u-erin/events\"}")
                    .collect(Collectors.joining(","));

            var r = f.raw("POST", "/$batch", token, "{\"requests\":[" + requests + "]}");

            assertThat(byId(Fixture.json(r)).values()).allSatisfy(x -> assertThat(x.path("status").asInt()).isEqualTo(200));
            assertThat(f.emulator.counters().at("/maxConcurrencyByMailbox/u-erin").asInt()).isEqualTo(4);
        } finally {
            f.control("DELETE", "/faults", null);
        }
    }
}
