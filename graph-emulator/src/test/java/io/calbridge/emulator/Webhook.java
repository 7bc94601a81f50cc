package io.calbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.calbridge.emulator.odata.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local change-notification receiver that answers the validation handshake and records deliveries. */
final class Webhook implements AutoCloseable {
    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    final List<String> validationTokens = new CopyOnWriteArrayList<>();
    /** Deliveries to refuse with 503 before accepting. */
    final AtomicInteger failNext = new AtomicInteger();
    volatile boolean echoEncoded;
    private final HttpServer server;

    Webhook() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                String query = ex.getRequestURI().getRawQuery();
                if (query != null && query.contains("validationToken=")) {
                    String raw = query.substring(query.indexOf("validationToken=") + "validationToken=".length()).split("&")[0];
                    String token = echoEncoded ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
                    validationTokens.add(token);
                    byte[] out = token.getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, out.length);
                    ex.getResponseBody().write(out);
                    return;
                }
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                notifications.add(Json.parse(new String(body, StandardCharsets.UTF_8)));
                ex.sendResponseHeaders(202, -1);
            }
        });
        server.start();
    }

    String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    /** Every notification item received so far, flattened out of the {@code value} arrays. */
    List<JsonNode> items() {
        List<JsonNode> out = new CopyOnWriteArrayList<>();
        notifications.forEach(n -> n.path("value").forEach(out::add));
        return out;
    }

    @Override
    public void close() { server.stop(0); }
}
