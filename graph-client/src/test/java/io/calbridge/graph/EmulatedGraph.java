package io.calbridge.graph;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.emulator.auth.TlsMaterial;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process emulator seeded with one tenant for these tests, plus the control-plane calls the tests assert with.
 * Apps: {@link #APP} (secret and certificate, consented with calendar and directory roles), {@link #UNCONSENTED_APP}
 * (no admin consent). Mailboxes: {@link #ROOM_COUNT} rooms {@code room-N@contoso.test} inside the app's access policy
 * and {@link #OUTSIDER} outside it; a security group {@code team} without members.
 */
final class EmulatedGraph implements AutoCloseable {
    static final String TENANT = "7a1c2b3d-0000-4000-8000-000000000001";
    static final String OTHER_TENANT = "7a1c2b3d-0000-4000-8000-000000000002";
    static final String APP = "c0ffee00-0000-4000-8000-000000000010";
    static final String UNCONSENTED_APP = "c0ffee00-0000-4000-8000-000000000011";
    static final String SECRET = "correct-horse-battery-staple";
    static final String EXPIRED_SECRET = "yesterdays-secret";
    static final String OUTSIDER = "ceo@contoso.test";
    static final int ROOM_COUNT = 4;
    /** A well-formed event id that names no event. */
    static final String MISSING_EVENT = io.calbridge.emulator.calendar.EventIds.newId();

    final GraphEmulator emulator;
    /** One per JVM: RSA key generation is slow on a busy machine. */
    static final TlsMaterial.KeyAndCert appCertificate = TlsMaterial.selfSigned("calbridge-graph-client-test");
    private final TrustMaterial trust;
    private final List<GraphGateway> gateways = new ArrayList<>();
    private final HttpClient control = HttpClient.newHttpClient();

    private final int rooms;

    EmulatedGraph() {
        this(EmulatorOptions.defaults(), ROOM_COUNT);
    }

    /** @param rooms how many room mailboxes each tenant gets (at least {@link #ROOM_COUNT}) */
    EmulatedGraph(EmulatorOptions options, int rooms) {
        this.rooms = Math.max(rooms, ROOM_COUNT);
        this.emulator = GraphEmulator.start(options);
        this.trust = TrustMaterial.fromPkcs12(emulator.trustStore(), emulator.trustStorePassword());
        emulator.seed(seed(TENANT, "contoso.test"));
        emulator.seed(seed(OTHER_TENANT, "fabrikam.test"));
    }

    static String room(int n) { return "room-" + n + "@contoso.test"; }

    static String otherRoom(int n) { return "room-" + n + "@fabrikam.test"; }

    /** The object id the emulator's per-mailbox counters use for room {@code n} of {@code tenant}. */
    static String roomId(String tenant, int n) { return tenant.substring(30) + "-room-" + n; }

    TenantCredential credential(CredentialMaterial material) {
        return credential(TENANT, APP, material);
    }

    TenantCredential credential(String tenant, String app, CredentialMaterial material) {
        return new TenantCredential(tenant, app, material, URI.create(emulator.authorityHost()),
                URI.create(emulator.graphBaseUrl()), trust);
    }

    TenantCredential secretCredential() {
        return credential(new CredentialMaterial.ClientSecret(SECRET.toCharArray(), Instant.parse("2099-01-01T00:00:00Z")));
    }

    CredentialMaterial.ClientCertificate certificate() {
        return new CredentialMaterial.ClientCertificate(appCertificate.keyPair().getPrivate(), appCertificate.certificate());
    }

    GraphGateway gateway(GraphSettings settings) {
        return gateway(settings, new SimpleMeterRegistry());
    }

    GraphGateway gateway(GraphSettings settings, io.micrometer.core.instrument.MeterRegistry registry) {
        GraphGateway g = new GraphGateway(settings, registry);
        gateways.add(g);
        return g;
    }

    /** Settings for tests: Microsoft's limits, but short back-offs and a breaker that decides within a few calls. */
    static GraphSettings testSettings() {
        return GraphSettings.defaults()
                .withRetry(new GraphSettings.Retry(4, java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30)))
                .withBreaker(new GraphSettings.Breaker(50f, 10, 5, java.time.Duration.ofMinutes(5), 1));
    }

    /** The emulator's counters: requests by path, status, app and mailbox, max concurrency per mailbox, 429s. */
    JsonObject counters() {
        return JsonParser.parseString(get("/counters")).getAsJsonObject();
    }

    /** Injects a fault, e.g. {@code {"pathPattern":"/events","status":503}}. */
    void fault(String json) {
        post("/faults", json);
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(emulator.controlUrl() + path)).GET().build());
    }

    private String post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(emulator.controlUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> r = control.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException(request.uri() + " -> " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String seed(String tenant, String domain) {
        StringBuilder users = new StringBuilder();
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= rooms; i++) {
            String id = roomId(tenant, i);
            users.append(String.format("""
                    {"id":"%s","userPrincipalName":"room-%d@%s","displayName":"Room %d"},
                    """, id, i, domain, i));
            members.append(i > 1 ? "," : "").append('"').append(id).append('"');
        }
        String pem = appCertificate.pem().replace("\n", "\\n");
        return String.format("""
                {"tenants":[{"id":"%s","domain":"%s",
                 "apps":[
                   {"clientId":"%s","displayName":"Calbridge","adminConsent":true,
                    "roles":["Calendars.ReadWrite","User.Read.All","GroupMember.ReadWrite.All","Place.Read.All"],
                    "secrets":[{"value":"%s","expires":"2099-01-01T00:00:00Z"},{"value":"%s","expires":"2020-01-01T00:00:00Z"}],
                    "certificates":[{"pem":"%s"}]},
                   {"clientId":"%s","displayName":"Calbridge without consent","adminConsent":false,
                    "roles":["Calendars.ReadWrite"],"secrets":[{"value":"%s","expires":"2099-01-01T00:00:00Z"}]}
                 ],
                 "users":[
                   %s
                   {"id":"%s-ceo","userPrincipalName":"ceo@%s","displayName":"CEO"}
                 ],
                 "groups":[{"id":"calbridge-scope","displayName":"Calbridge scope","kind":"mailEnabledSecurity",
                            "mail":"calbridge-scope@%s","members":[%s]},
                           {"id":"team","displayName":"Team","kind":"security","members":[]}],
                 "applicationAccessPolicies":[{"appId":"%s","groupId":"calbridge-scope","accessRight":"RestrictAccess"}]
                }]}
                """, tenant, domain, APP, SECRET, EXPIRED_SECRET, pem, UNCONSENTED_APP, SECRET, users,
                tenant.substring(30), domain, domain, members, APP);
    }

    @Override public void close() {
        gateways.forEach(GraphGateway::close);
        emulator.close();
    }
}
