package io.calbridge.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for the services' REST APIs, authenticated with one API key. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: its status and its JSON body ({@code null} when empty). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String problem() {
            return body == null ? "HTTP " + status : body.path("title").asString("HTTP " + status) + ": " + body.path("detail").asString("");
        }
    }

    private final String baseUrl;
    private final String apiKey;

    Api(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of());
    }

    Reply post(String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(json(body)), headers);
    }

    Reply post(String path, Object body) throws IOException, InterruptedException {
        return post(path, body, Map.of());
    }

    Reply patch(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).method("PATCH", json(body)), Map.of());
    }

    Reply send(String method, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, HttpRequest.BodyPublishers.noBody()), Map.of());
    }

    Reply put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).PUT(json(body)), Map.of());
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private Reply send(HttpRequest.Builder request, Map<String, String> headers) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Reply(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
    }
}
