package io.calbridge.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response before it is written to the wire or into a batch.
 *
 * @param entityType the CSDL type of the body (or of each {@code value} element), for the schema check; null when not an entity
 */
public record GraphResponse(int status, Map<String, String> headers, @Nullable JsonNode body, @Nullable String entityType) {

    public static GraphResponse json(int status, JsonNode body, @Nullable String entityType) {
        return new GraphResponse(status, new LinkedHashMap<>(), body, entityType);
    }

    public static GraphResponse ok(JsonNode body, @Nullable String entityType) { return json(200, body, entityType); }

    public static GraphResponse noContent() { return new GraphResponse(204, new LinkedHashMap<>(), null, null); }

    public GraphResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
