package io.calbridge.emulator.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Opaque skip and delta tokens. They are stateless: the state a client must present again is encoded
 * in the token itself (base64url JSON), so the store keeps no per-client sync state.
 */
public final class Tokens {
    private Tokens() {}

    public static String encode(ObjectNode state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(state));
    }

    /** Decodes a token, or returns null when it is not one of ours. */
    public static ObjectNode decode(String token) {
        try {
            JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (n instanceof ObjectNode o) return o;
        } catch (Exception e) {
            // not ours: reported below
        }
        return null;
    }
}
