package io.calbridge.emulator.http;

import io.calbridge.emulator.auth.Principal;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Graph request, from the wire or from inside a {@code $batch}.
 *
 * @param path     the path after {@code /v1.0}, e.g. {@code /users/u1/events}
 * @param query    decoded query parameters; a repeated name keeps the last value
 * @param headers  header names in lower case
 * @param baseUrl  the absolute {@code …/v1.0} this request was addressed to, used to build next and delta links
 */
public record GraphRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                           byte[] body, String requestId, String clientRequestId, String baseUrl,
                           @Nullable Principal principal) {

    public GraphRequest withPrincipal(Principal p) {
        return new GraphRequest(method, path, query, headers, body, requestId, clientRequestId, baseUrl, p);
    }

    public Principal caller() {
        if (principal == null) throw new IllegalStateException("request not authenticated");
        return principal;
    }

    public @Nullable String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }

    public @Nullable String option(String name) { return query.get(name); }

    /** The JSON body; enforces Graph's content-type rule for bodies. */
    public ObjectNode json() {
        // Observed Graph answers (microsoft-graph-docs-contrib#6337, msgraph-sample-pythondjangoapp#22): both are 400 BadRequest.
        String ct = header("content-type");
        if (ct == null) {
            throw new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
        if (!ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new GraphException(400, "BadRequest", "Entity only allows writes with a JSON Content-Type header.");
        }
        return Json.parseObject(body);
    }

    /** The {@code Prefer} header's value for one preference, e.g. {@code outlook.timezone}, without quotes. */
    public @Nullable String prefer(String preference) {
        String all = header("prefer");
        if (all == null) return null;
        for (String part : all.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            if (name.equalsIgnoreCase(preference)) {
                return eq < 0 ? "" : p.substring(eq + 1).trim().replace("\"", "");
            }
        }
        return null;
    }

    public static Map<String, String> parseQuery(@Nullable String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            // OData system options are matched without regard to case, as Graph does.
            out.put(k.startsWith("$") ? k.toLowerCase(Locale.ROOT) : k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphException.badRequest("Malformed query string.");
        }
    }

    /** Percent-decodes each segment of a raw request path; a {@code +} stays a plus, as in a path it is not a space. */
    public static String decodePath(String raw) {
        StringBuilder b = new StringBuilder();
        for (String seg : raw.split("/", -1)) {
            if (b.length() > 0 || raw.startsWith("/")) b.append('/');
            b.append(URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String s = b.toString();
        return s.startsWith("//") ? s.substring(1) : s;
    }
}
