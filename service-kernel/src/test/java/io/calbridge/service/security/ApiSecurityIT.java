package io.calbridge.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.testsupport.RealInfrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RealInfrastructure
@SpringBootTest(classes = ApiSecurityIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=api-security-it",
        "spring.flyway.locations=classpath:db/kernel",
        "calbridge.encryption-key=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
        "management.endpoints.web.exposure.include=health,prometheus",
        "calbridge.security.api-keys=" + ApiSecurityIT.OPS_ENTRY + "," + ApiSecurityIT.KIOSK_ENTRY})
class ApiSecurityIT {

    // sha256("ops-key") and sha256("kiosk-key")
    static final String OPS_ENTRY = "ops:*:2c69bc9111c27110a9b9a7974ba3f8ac0c053c16b23a0738115ee829fbc4d57b";
    static final String KIOSK_ENTRY = "kiosk:tenant-a:94324df3852268fc687d8de1bb4f7f08ce3bed8cc08d3684f4997b5dfb09c430";

    record Ping(@NotBlank String message) {}

    @RestController
    static class PingController {
        @GetMapping("/api/tenants/{tenantId}/ping")
        String ping(@PathVariable String tenantId, Caller caller) {
            caller.requireTenant(tenantId);
            return "pong from " + caller.name();
        }

        @PostMapping("/api/tenants/{tenantId}/ping")
        String echo(@PathVariable String tenantId, @Valid @RequestBody Ping ping, Caller caller) {
            caller.requireTenant(tenantId);
            return ping.message();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PingController.class)
    static class App {}

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesMissingAndUnknownKeysWithAProblem() throws Exception {
        var missing = get("/api/tenants/tenant-a/ping", null);
        var unknown = get("/api/tenants/tenant-a/ping", "not-a-key");

        for (var response : new HttpResponse[] {missing, unknown}) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat((String) response.body()).contains("https://calbridge.dev/problems/unauthenticated");
        }
    }

    @Test
    void limitsAKeyToItsTenants() throws Exception {
        assertThat(get("/api/tenants/tenant-a/ping", "kiosk-key").body()).isEqualTo("pong from kiosk");

        var other = get("/api/tenants/tenant-b/ping", "kiosk-key");

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("tenant-forbidden").contains("tenant-b");
    }

    @Test
    void anOperatorKeyActsForEveryTenant() throws Exception {
        assertThat(get("/api/tenants/tenant-b/ping", "ops-key").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidBodiesAndUnknownPathsAreProblems() throws Exception {
        var invalid = http.send(HttpRequest.newBuilder(uri("/api/tenants/tenant-a/ping"))
                .header("X-Api-Key", "kiosk-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"\"}")).build(), HttpResponse.BodyHandlers.ofString());
        var malformed = http.send(HttpRequest.newBuilder(uri("/api/tenants/tenant-a/ping"))
                .header("X-Api-Key", "kiosk-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{nope")).build(), HttpResponse.BodyHandlers.ofString());
        var notFound = get("/api/nothing-here", "ops-key");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void leavesActuatorOpenAndServesPrometheus() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isIn(200, 503);
        var prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
