package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control plane (seed, reset, faults, counters) and cross-cutting transport behaviour. */
class ControlIT {
    private static Fixture f;
    private static String token;

    @BeforeAll
    static void start() {
        f = new Fixture();
        token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
    }

    @AfterAll
    static void stop() { f.close(); }

    @BeforeEach
    void clean() {
        f.control("DELETE", "/faults", null);
        f.control("POST", "/counters/reset", null);
    }

    @Test
    void countsRequestsByRouteStatusAppAndMailbox() {
        f.raw("GET", "/users/u-alice/events", token, null);
        f.raw("GET", "/users/u-alice/events", token, null);
        f.raw("GET", "/users/u-ghost", token, null);

        JsonNode c = f.control("GET", "/counters", null);

        assertThat(c.at("/byPath/GET ~1users~1{user}~1events").asInt()).isEqualTo(2);
        assertThat(c.at("/byStatus/200").asInt()).isEqualTo(2);
        assertThat(c.at("/byStatus/404").asInt()).isEqualTo(1);
        assertThat(c.at("/byApp/" + Fixture.SYNC_APP).asInt()).isEqualTo(3);
        assertThat(c.at("/byMailbox/u-alice").asInt()).isEqualTo(2);
        assertThat(c.at("/maxConcurrencyByMailbox/u-alice").asInt()).isEqualTo(1);
    }

    @Test
    void injectedStatusFaultHitsOnlyMatchingRequestsAndOnlyAsOftenAsAsked() {
        f.control("POST", "/faults", "{\"pathPattern\":\"^/users/u-bob/events\",\"status\":503,\"code\":\"serviceNotAvailable\",\"times\":1}");

        var first = f.raw("GET", "/users/u-bob/events", token, null);
        var other = f.raw("GET", "/users/u-alice/events", token, null);
        var second = f.raw("GET", "/users/u-bob/events", token, null);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(Fixture.json(first).at("/error/code").asText()).isEqualTo("serviceNotAvailable");
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void sdkRetriesThrough503FaultWhileCountersSeeIt() {
        f.control("POST", "/faults", "{\"pathPattern\":\"^/users/u-carol$\",\"status\":503,\"times\":1}");
        GraphServiceClient graph = f.syncGraph();

        String name = graph.users().byUserId("u-carol").get().getDisplayName();

        assertThat(name).isEqualTo("Carol Clark");
        assertThat(f.control("GET", "/counters", null).at("/byStatus/503").asInt()).isEqualTo(1);
    }

    @Test
    void unsupportedPathsMethodsAndVersionsAre501AndEchoClientRequestId() {
        var path = f.raw("GET", "/users/u-alice/messages", token, null, "client-request-id", "my-id-1");
        var method = f.raw("PUT", "/users/u-alice", token, "{}");
        var beta = f.send(HttpRequest.newBuilder(URI.create(f.emulator.graphBaseUrl().replace("/v1.0", "/beta/users"))).build());

        assertThat(path.statusCode()).isEqualTo(501);
        assertThat(Fixture.json(path).at("/error/code").asText()).isEqualTo("NotImplemented");
        assertThat(Fixture.json(path).at("/error/innerError/client-request-id").asText()).isEqualTo("my-id-1");
        assertThat(path.headers().firstValue("client-request-id")).contains("my-id-1");
        assertThat(path.headers().firstValue("request-id")).isPresent();
        assertThat(method.statusCode()).isEqualTo(501);
        assertThat(beta.statusCode()).isEqualTo(501);
    }

    @Test
    void graphIsAlsoServedOverHttps() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(f.emulator.clientSslContext()).build();

        var r = tls.send(HttpRequest.newBuilder(URI.create(f.emulator.authorityHost() + "/v1.0/users/u-alice"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Fixture.json(r).path("displayName").asText()).isEqualTo("Alice Adams");
    }

    @Test
    void seedOverHttpRejectsInvalidDocumentsAndResetEmptiesTheTenant() {
        var bad = f.send(HttpRequest.newBuilder(URI.create(f.emulator.controlUrl() + "/seed")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenants\":[{\"domain\":\"no-id\"}]}")).build());
        try {
            f.control("POST", "/reset", null);
            var afterReset = f.raw("GET", "/users/u-alice", token, null);

            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(afterReset.statusCode()).as("the token's tenant is gone").isEqualTo(401);
        } finally {
            f.control("POST", "/seed", Fixture.resource("/seeds/fidelity.json"));
        }
        assertThat(f.raw("GET", "/users/u-alice", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void generatedSeedCreatesUsersRoomsAndEvents() {
        f.control("POST", "/seed", """
                {"tenants":[{"id":"%s","generate":{"users":40,"rooms":5,"eventsPerMailbox":3,"from":"2027-01-04","days":5}}]}"""
                .formatted(Fixture.TENANT));

        var rooms = f.raw("GET", "/places/microsoft.graph.room?$filter=startswith(emailAddress,'gen-room-')", token, null);
        var view = f.raw("GET", "/users/user7@contoso.onmicrosoft.com/calendarView?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-01-20T00:00:00Z",
                token, null);

        assertThat(Fixture.json(rooms).path("value").size()).isEqualTo(5);
        assertThat(Fixture.json(view).path("value").size()).isEqualTo(3);
        assertThat(Fixture.json(view).at("/value/0/organizer/emailAddress/address").asText()).isEqualTo("user7@contoso.onmicrosoft.com");
    }

    @Test
    void bundledSmallSeedLoadsAndServes() {
        try (GraphEmulator small = GraphEmulator.start(EmulatorOptions.defaults())) {
            small.seed(Fixture.resource("/seeds/small.json"));

            JsonNode health = Fixture.json(f.send(HttpRequest.newBuilder(URI.create(small.controlUrl() + "/health")).build()));

            assertThat(health.path("users").asInt()).isEqualTo(3);
            assertThat(health.path("events").asInt()).isEqualTo(1);
        }
    }

    @Test
    void preferImmutableIdIsAcknowledged() {
        var r = f.raw("GET", "/users/u-alice/events", token, null, "Prefer", "IdType=\"ImmutableId\"");

        assertThat(r.headers().firstValue("Preference-Applied")).contains("IdType=\"ImmutableId\"");
    }
}
