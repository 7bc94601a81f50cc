package io.calbridge.emulator.odata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** The one shared Jackson mapper plus the Graph date formats. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Graph's DateTimeOffset form: UTC with a Z, e.g. {@code 2026-09-01T10:00:00Z}. */
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    /** Outlook's dateTimeTimeZone form: seven fraction digits and no offset. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private Json() {}

    public static ObjectNode object() { return MAPPER.createObjectNode(); }
    public static ArrayNode array() { return MAPPER.createArrayNode(); }

    /** Parses a request body; anything that is not a JSON object is Graph's 400 for unreadable JSON. */
    public static ObjectNode parseObject(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n instanceof ObjectNode o) return o;
        } catch (IOException e) {
            // fall through to the Graph-shaped error below
        }
        throw new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String offset(Instant i) { return OFFSET.format(i.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)); }
    public static String local(LocalDateTime t) { return LOCAL.format(t); }

    /** Parses a DateTimeOffset; without an offset the value is read as UTC, as calendarView does. */
    public static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new GraphException(400, "ErrorInvalidParameter", "The value '" + text + "' of parameter 'DateTime' is invalid.");
            }
        }
    }

    public static @Nullable String text(@Nullable JsonNode n, String field) {
        if (n == null) return null;
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
