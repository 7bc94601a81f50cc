package io.calbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.calbridge.emulator.auth.EntraEndpoint;
import io.calbridge.emulator.auth.MailboxAccess;
import io.calbridge.emulator.auth.TlsMaterial;
import io.calbridge.emulator.auth.TokenIssuer;
import io.calbridge.emulator.batch.BatchRoutes;
import io.calbridge.emulator.calendar.CalendarService;
import io.calbridge.emulator.calendar.EventRoutes;
import io.calbridge.emulator.calendar.RoomAssistant;
import io.calbridge.emulator.calendar.ScheduleRoutes;
import io.calbridge.emulator.control.ControlRoutes;
import io.calbridge.emulator.control.Counters;
import io.calbridge.emulator.control.Faults;
import io.calbridge.emulator.control.Seed;
import io.calbridge.emulator.directory.AdministrativeUnitRoutes;
import io.calbridge.emulator.groups.GroupRoutes;
import io.calbridge.emulator.http.GraphPipeline;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Throttle;
import io.calbridge.emulator.odata.ErrorBody;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.places.PlaceRoutes;
import io.calbridge.emulator.store.InMemoryStore;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Subscription;
import io.calbridge.emulator.store.Tenant;
import io.calbridge.emulator.subscriptions.Notifier;
import io.calbridge.emulator.subscriptions.SubscriptionRoutes;
import io.calbridge.emulator.users.UserRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;

/**
 * A local Microsoft Entra ID token endpoint and Microsoft Graph v1.0 subset, over real HTTP(S).
 * Graph and the control plane are served on plain http on 127.0.0.1; the Entra endpoints (and Graph
 * again) on https with a self-signed certificate made at start. Start one per test class on random ports:
 * <pre>{@code
 * try (GraphEmulator graph = GraphEmulator.start(EmulatorOptions.defaults())) {
 *     graph.seed(Files.readString(seedFile));
 *     // MSAL authority: graph.authorityHost() + "/" + tenantId + "/"; Graph base URL: graph.graphBaseUrl()
 * }
 * }</pre>
 */
public final class GraphEmulator implements AutoCloseable {
    private final EmulatorOptions options;
    private final Store store = new InMemoryStore();
    private final Clock clock = Clock.systemUTC();
    private final Counters counters = new Counters();
    private final Faults faults = new Faults();
    private final TlsMaterial tls;
    private final GraphPipeline pipeline;
    private final EntraEndpoint entra;
    private final ControlRoutes control;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Notifier notifier;
    private final Set<String> reauthorizationSent = ConcurrentHashMap.newKeySet();
    private final HttpServer http;
    private final HttpsServer https;
    /** The temporary directory made for the TLS files, removed on close; null when the caller chose one. */
    private final Path ownedDir;

    private GraphEmulator(EmulatorOptions options) throws IOException {
        this.options = options;
        Path dir = options.stateDir() != null ? options.stateDir() : Files.createTempDirectory("graph-emulator");
        this.ownedDir = options.stateDir() != null ? null : dir;
        this.tls = TlsMaterial.create(dir, options.publicHost());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "graph-emulator-scheduler");
            t.setDaemon(true);
            return t;
        });
        TokenIssuer tokens = new TokenIssuer(store, clock);
        MailboxAccess access = new MailboxAccess(clock, options.scopePropagation());
        Throttle throttle = new Throttle(options, clock);
        CalendarService calendar = new CalendarService(options, clock);
        this.notifier = new Notifier(options, scheduler, faults, counters, clock);
        calendar.addListener(notifier);
        calendar.addListener(new RoomAssistant(calendar, options, scheduler, clock));
        this.pipeline = new GraphPipeline(store, tokens, access, throttle, faults, counters, clock);
        pipeline.register(new UserRoutes(store).routes());
        pipeline.register(new GroupRoutes(store).routes());
        pipeline.register(new AdministrativeUnitRoutes(store).routes());
        pipeline.register(new PlaceRoutes(store).routes());
        EventRoutes eventRoutes = new EventRoutes(store, calendar, options, faults, clock);
        pipeline.register(eventRoutes.routes());
        pipeline.register(new io.calbridge.emulator.calendar.CalendarRoutes(store, calendar, eventRoutes).routes());
        pipeline.register(new ScheduleRoutes(store, calendar).routes());
        pipeline.register(new SubscriptionRoutes(store, notifier, access, options, clock).routes());
        pipeline.register(new BatchRoutes(pipeline, clock).routes());
        this.entra = new EntraEndpoint(store, tokens, clock, app -> counters.count("tokens.issued"));
        this.control = new ControlRoutes(store, new Seed(store, calendar), calendar, faults, counters, throttle, access, notifier, clock);

        this.http = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.httpPort()), 512);
        http.createContext("/", ex -> serve(ex, "http"));
        http.setExecutor(requests);
        this.https = HttpsServer.create(new InetSocketAddress(options.bindAddress(), options.httpsPort()), 512);
        SSLContext ctx = tls.serverContext();
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", ex -> serve(ex, "https"));
        https.setExecutor(requests);
        http.start();
        https.start();
        scheduler.scheduleAtFixedRate(this::sweepSubscriptions, 1, 1, TimeUnit.SECONDS);
        if (options.seedFile() != null) seed(Files.readString(options.seedFile()));
    }

    /** Starts the emulator; ports 0 pick free ports. */
    public static GraphEmulator start(EmulatorOptions options) {
        try {
            return new GraphEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Graph emulator", e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234/v1.0} */
    public String graphBaseUrl() { return "http://" + options.publicHost() + ":" + http.getAddress().getPort() + "/v1.0"; }

    /** The same Graph endpoints over https. */
    public String graphBaseUrlHttps() { return authorityHost() + "/v1.0"; }

    /** e.g. {@code https://127.0.0.1:41235}; an MSAL authority is {@code authorityHost() + "/" + tenantId + "/"}. */
    public String authorityHost() { return "https://" + options.publicHost() + ":" + https.getAddress().getPort(); }

    /** PKCS12 trust store holding the self-signed server certificate. */
    public Path trustStore() { return tls.trustStore(); }

    public char[] trustStorePassword() { return tls.password(); }

    /** The server certificate as PEM. */
    public Path certificatePem() { return tls.certificatePem(); }

    /** An SSLContext that trusts the emulator, for MSAL's {@code sslSocketFactory} or an HttpClient. */
    public SSLContext clientSslContext() { return tls.clientContext(); }

    /** e.g. {@code http://127.0.0.1:41234/_emulator} */
    public String controlUrl() { return "http://" + options.publicHost() + ":" + http.getAddress().getPort() + "/_emulator"; }

    public EmulatorOptions options() { return options; }

    /** Same as {@code POST /_emulator/seed}; additive. */
    public void seed(String seedJson) {
        control.seed(Json.parse(seedJson));
    }

    /** Same as {@code POST /_emulator/reset}: drops all tenants, faults, counters and throttling state. */
    public void reset() {
        control.reset();
        reauthorizationSent.clear();
    }

    /** The counters document served at {@code GET /_emulator/counters}. */
    public JsonNode counters() { return counters.snapshot(); }

    /** Observes every Graph response; the schema check uses it. */
    public void onResponse(BiConsumer<GraphRequest, GraphResponse> listener) { pipeline.onResponse(listener); }

    @Override
    public void close() {
        http.stop(0);
        https.stop(0);
        scheduler.shutdownNow();
        requests.shutdownNow();
        if (ownedDir != null) {
            try (var files = Files.list(ownedDir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
                Files.deleteIfExists(ownedDir);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }

    /**
     * Expired subscriptions disappear; one {@code reauthorizationRequired} goes out when less than ten
     * minutes (time-scaled) are left.
     */
    private void sweepSubscriptions() {
        try {
            Instant now = clock.instant();
            Duration warn = options.scaled(Duration.ofMinutes(10));
            for (Tenant t : store.tenants()) {
                for (Subscription s : t.subscriptions.values()) {
                    if (s.expirationDateTime().isBefore(now)) {
                        t.subscriptions.remove(s.id());
                    } else if (Duration.between(now, s.expirationDateTime()).compareTo(warn) < 0 && reauthorizationSent.add(s.id() + s.expirationDateTime())) {
                        notifier.lifecycle(t, s, "reauthorizationRequired");
                    }
                }
            }
        } catch (RuntimeException e) {
            // keep the sweeper alive; the next tick retries
        }
    }

    private void serve(HttpExchange ex, String scheme) {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            String path = GraphRequest.decodePath(rawPath);
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String requestId = UUID.randomUUID().toString();
            String clientRequestId = headers.getOrDefault("client-request-id", requestId);
            String host = scheme + "://" + headers.getOrDefault("host", "127.0.0.1");
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            GraphResponse response;
            if (path.startsWith("/v1.0/") || path.equals("/v1.0")) {
                GraphRequest req = new GraphRequest(method, path.substring(5), GraphRequest.parseQuery(ex.getRequestURI().getRawQuery()),
                        headers, body, requestId, clientRequestId, host + "/v1.0", null);
                response = pipeline.dispatch(req);
            } else if (path.startsWith("/_emulator/")) {
                GraphRequest req = new GraphRequest(method, path.substring("/_emulator".length()), GraphRequest.parseQuery(ex.getRequestURI().getRawQuery()),
                        headers, body, requestId, clientRequestId, host + "/_emulator", null);
                response = control.dispatch(req);
            } else if (path.startsWith("/beta/")) {
                response = error(GraphException.notImplemented("the beta endpoint"), requestId, clientRequestId);
            } else {
                EntraEndpoint.Reply reply = entra.handle(method, path, headers.get("authorization"), body, host);
                if (reply != null) {
                    write(ex, reply.status(), Map.of("Content-Type", "application/json; charset=utf-8", "Cache-Control", "no-store, no-cache"), Json.bytes(reply.body()));
                    return;
                }
                response = error(new GraphException(404, "NotFound", "The path " + path + " is not served by the emulator."), requestId, clientRequestId);
            }
            byte[] bytes = response.body() == null ? null : Json.bytes(response.body());
            Map<String, String> h = new HashMap<>(response.headers());
            if (bytes != null) h.put("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");
            write(ex, response.status(), h, bytes);
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private GraphResponse error(GraphException e, String requestId, String clientRequestId) {
        return GraphResponse.json(e.status(), ErrorBody.of(e.code(), e.getMessage(), requestId, clientRequestId, clock.instant()), null);
    }

    private static void write(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (body == null || status == 204) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

}
