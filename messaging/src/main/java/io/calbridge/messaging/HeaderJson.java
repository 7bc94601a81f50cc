package io.calbridge.messaging;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Headers of an outbox row, stored as a JSON object of strings. */
final class HeaderJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private HeaderJson() {
    }

    static String write(Map<String, String> headers) {
        return JSON.writeValueAsString(new TreeMap<>(headers));
    }

    static Map<String, String> read(String json) {
        return JSON.readValue(json, HEADERS);
    }
}
