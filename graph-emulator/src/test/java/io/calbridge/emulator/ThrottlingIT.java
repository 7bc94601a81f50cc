package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outlook's per app+mailbox limits and the directory write quota, with small configured limits and a
 * compressed time scale. Raw HTTP: the SDK would retry the 429s on its own.
 */
class ThrottlingIT {
    private static Fixture f;
    private static String token;

    @BeforeAll
    static void start() {
        f = new Fixture(EmulatorOptions.defaults().toBuilder()
                .mailboxRequests(8, Duration.ofMinutes(10))
                .directoryWrites(3, Duration.ofMinutes(10))
                .timeScale(150)   // 10 minutes -> 4 s: short enough to recover quickly, long enough for a loaded machine
                .build());
        token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
    }

    @AfterAll
    static void stop() { f.close(); }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(f.emulator.graphBaseUrl() + path)).header("Authorization", "Bearer " + token).build();
        return f.http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void moreThanFourConcurrentRequestsToOneMailboxGet429ApplicationThrottled() {
        f.control("POST", "/faults", "{\"pathPattern\":\"^/users/u-bob/events$\",\"method\":\"GET\",\"latencyMs\":700}");
        try {
            List<HttpResponse<String>> responses = IntStream.range(0, 6).mapToObj(i -> getAsync("/users/u-bob/events")).toList()
                    .stream().map(CompletableFuture::join).toList();

            List<HttpResponse<String>> throttled = responses.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(4);
            assertThat(throttled).hasSize(2).allSatisfy(r -> {
                assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("ApplicationThrottled");
                assertThat(Fixture.json(r).at("/error/message").asText()).isEqualTo("Application is over its MailboxConcurrency limit.");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            });
            assertThat(f.emulator.counters().at("/maxConcurrencyByMailbox/u-bob").asInt()).isEqualTo(4);
        } finally {
            f.control("DELETE", "/faults", null);
        }
    }

    @Test
    void requestWindowPerMailboxThrottlesThenRecovers() {
        List<Integer> statuses = IntStream.range(0, 9).mapToObj(i -> getAsync("/users/u-carol/events").join()).map(HttpResponse::statusCode).toList();
        HttpResponse<String> throttled = getAsync("/users/u-carol/events").join();
        HttpResponse<String> otherMailbox = getAsync("/users/u-erin/events").join();

        assertThat(statuses.subList(0, 8)).containsOnly(200);
        assertThat(statuses.get(8)).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Integer::parseInt)).get().isIn(1, 2, 3, 4);
        assertThat(otherMailbox.statusCode()).as("limits are per mailbox").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> getAsync("/users/u-carol/events").join().statusCode() == 200);
    }

    @Test
    void directoryWritesAreLimitedPerAppAndTenant() {
        String[] users = {"u-bob", "u-carol", "u-erin", "u-dave"};
        List<HttpResponse<String>> results = java.util.Arrays.stream(users).map(u -> f.raw("POST", "/groups/g-eng/members/$ref", token,
                "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + u + "\"}")).toList();

        assertThat(results.subList(0, 3)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(204));
        HttpResponse<String> fourth = results.get(3);
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("x-ms-throttle-scope")).get().asString().startsWith("Tenant_Application/Write/" + Fixture.SYNC_APP);
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(f.emulator.counters().path("throttled").asLong()).isGreaterThanOrEqualTo(1);
    }
}
