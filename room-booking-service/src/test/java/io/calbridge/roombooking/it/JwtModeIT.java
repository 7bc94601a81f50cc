package io.calbridge.roombooking.it;

import static io.calbridge.roombooking.it.RoomBookingStack.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.roombooking.it.RoomBookingStack.RoomSpec;
import io.calbridge.service.security.TestTokens;
import io.calbridge.testsupport.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The room-booking API in {@code calbridge.security.mode=jwt}: a bearer JWT of tenant A (signed with a key that
 * service-kernel's {@link TestTokens} publishes as a JWK set) sees A's rooms only, exactly as an API key limited to A does; bad tokens are 401 problems.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "calbridge.security.mode=jwt",
        "calbridge.security.jwt.issuers=" + TestTokens.ISSUERS,
        "calbridge.security.jwt.audiences=api://calbridge-rooms",
        "calbridge.tenants.cache-for=0s",
        "roombooking.catalog.initial-delay=PT1H"})
class JwtModeIT {

    static final String TENANT_A = "7e57b00c-0000-4000-8000-0000000000a1";
    static final String TENANT_B = "7e57b00c-0000-4000-8000-0000000000b2";
    static final RoomSpec ROOM_A = new RoomSpec("a1000000-0000-4000-8000-0000000000a1", "room-a@jwt-a.example", "A room",
            8, 1, List.of(), false);
    static final RoomSpec ROOM_B = new RoomSpec("b2000000-0000-4000-8000-0000000000b2", "room-b@jwt-b.example", "B room",
            8, 1, List.of(), false);
    static final TestTokens TOKENS = new TestTokens();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static GraphEmulator graph;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> RoomBookingStack.ENCRYPTION_KEY);
        registry.add("calbridge.security.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @BeforeAll
    static void tenants() {
        graph = GraphEmulator.start(EmulatorOptions.defaults());
        graph.seed(RoomBookingStack.seed(TENANT_A, "jwt-a.example", ROOM_A));
        graph.seed(RoomBookingStack.seed(TENANT_B, "jwt-b.example", ROOM_B));
        RoomBookingStack.publish(RoomBookingStack.tenantConfigured(TENANT_A, graph), RoomBookingStack.tenantConfigured(TENANT_B, graph),
                RoomBookingStack.roomConnected(TENANT_A, ROOM_A, null), RoomBookingStack.roomConnected(TENANT_B, ROOM_B, null));
    }

    @AfterAll
    static void stop() {
        graph.close();
        TOKENS.close();
    }

    @Test
    void aTokenOfTenantASeesAndBooksOnlyTenantAsRooms() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM rooms WHERE connected", Integer.class) == 2
                && jdbc.queryForObject("SELECT count(*) FROM known_tenants", Integer.class) == 2);
        String tokenA = TOKENS.token(TENANT_A, "api://calbridge-rooms", Instant.now().plusSeconds(600), List.of());

        HttpResponse<String> ownRooms = get("/api/tenants/" + TENANT_A + "/rooms", tokenA);
        HttpResponse<String> otherRooms = get("/api/tenants/" + TENANT_B + "/rooms", tokenA);
        HttpResponse<String> otherRoomFromOwnTenant = http("POST", url("/api/tenants/" + TENANT_A + "/bookings"), null, """
                {"roomId":"%s","organizer":"alice@jwt-a.example","start":"%s","end":"%s"}""".formatted(ROOM_B.id(),
                Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)).plusSeconds(1800)),
                Map.of("Idempotency-Key", "k-jwt-1", "Authorization", "Bearer " + tokenA));

        assertThat(ownRooms.statusCode()).as(ownRooms.body()).isEqualTo(200);
        JsonNode rooms = JSON.readTree(ownRooms.body());
        assertThat(rooms).hasSize(1);
        assertThat(rooms.get(0).get("email").asText()).isEqualTo(ROOM_A.email());
        assertThat(otherRooms.statusCode()).isEqualTo(403);
        assertThat(otherRooms.body()).contains("tenant-forbidden");
        assertThat(otherRoomFromOwnTenant.statusCode()).as(otherRoomFromOwnTenant.body()).isEqualTo(422);
        assertThat(otherRoomFromOwnTenant.body()).contains("unknown-room");
    }

    @Test
    void expiredAndWrongAudienceTokensAre401Problems() {
        for (String token : List.of(TOKENS.token(TENANT_A, "api://calbridge-rooms", Instant.now().minusSeconds(600), List.of()),
                TOKENS.token(TENANT_A, "https://graph.microsoft.com", Instant.now().plusSeconds(600), List.of()))) {
            HttpResponse<String> refused = get("/api/tenants/" + TENANT_A + "/rooms", token);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("https://calbridge.dev/problems/unauthenticated");
        }
    }

    HttpResponse<String> get(String path, String token) {
        return http("GET", url(path), null, null, Map.of("Authorization", "Bearer " + token));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
