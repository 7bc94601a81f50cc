package io.calbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.calbridge.emulator.odata.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Starts an emulator seeded with {@code seeds/fidelity.json} and hands out MSAL-authenticated Graph clients. */
final class Fixture implements AutoCloseable {
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String SYNC_APP = "00000000-0000-0000-0000-00000000a001";
    static final String SYNC_SECRET = "sync-secret";
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    /** Shared by every fixture: the fidelity suite's responses are all checked against the CSDL subset. */
    static final CsdlSchema SCHEMA = CsdlSchema.load("/graph-v1.0-subset.csdl.xml");

    final GraphEmulator emulator;
    final java.util.List<String> schemaViolations = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger checkedResponses = new java.util.concurrent.atomic.AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Fixture() { this(EmulatorOptions.defaults()); }

    Fixture(EmulatorOptions options) {
        emulator = GraphEmulator.start(options);
        emulator.onResponse((req, resp) -> {
            if (resp.status() >= 300 || resp.body() == null || resp.entityType() == null) return;
            checkedResponses.incrementAndGet();
            String where = req.method() + " " + req.path();
            JsonNode body = resp.body();
            if (body.has("value") && body.get("value").isArray()) {
                int i = 0;
                for (JsonNode item : body.get("value")) schemaViolations.addAll(SCHEMA.check(resp.entityType(), item, where + "[" + i++ + "]"));
            } else {
                schemaViolations.addAll(SCHEMA.check(resp.entityType(), body, where));
            }
        });
        emulator.seed(resource("/seeds/fidelity.json"));
    }

    static String resource(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfidentialClientApplication msal(String clientId, IClientCredential credential) {
        try {
            return ConfidentialClientApplication.builder(clientId, credential)
                    .authority(emulator.authorityHost() + "/" + TENANT + "/")
                    .instanceDiscovery(false)
                    .sslSocketFactory(emulator.clientSslContext().getSocketFactory())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String clientId, String secret) {
        return token(msal(clientId, ClientCredentialFactory.createFromSecret(secret)));
    }

    static String token(ConfidentialClientApplication app) {
        try {
            return app.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH_SCOPE)).build()).get(15, TimeUnit.SECONDS).accessToken();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    GraphServiceClient graph(String clientId, String secret) {
        ConfidentialClientApplication app = msal(clientId, ClientCredentialFactory.createFromSecret(secret));
        return graph(app);
    }

    GraphServiceClient graph(ConfidentialClientApplication app) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) { return token(app); }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() { return new AllowedHostsValidator("127.0.0.1"); }
        };
        GraphServiceClient client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
        client.getRequestAdapter().setBaseUrl(emulator.graphBaseUrl());
        return client;
    }

    GraphServiceClient syncGraph() { return graph(SYNC_APP, SYNC_SECRET); }

    /** A raw Graph call, for what the SDK cannot express (or retries on its own). */
    HttpResponse<String> raw(String method, String pathAndQuery, String token, String jsonBody, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        if (jsonBody != null) b.header("Content-Type", "application/json");
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(b.build());
    }

    JsonNode control(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.controlUrl() + path)).timeout(Duration.ofSeconds(30));
        if (jsonBody != null) b.header("Content-Type", "application/json");
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> r = send(b.build());
        if (r.statusCode() >= 300) throw new IllegalStateException("control call failed: " + r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? Json.object() : Json.parse(r.body());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) { return Json.parse(r.body()); }

    /** Stops the emulator and fails the test class if any response broke the v1.0 schema. */
    @Override
    public void close() {
        emulator.close();
        if (!schemaViolations.isEmpty()) {
            throw new AssertionError("responses that do not match the Graph v1.0 CSDL subset:\n" + String.join("\n", schemaViolations));
        }
    }
}
