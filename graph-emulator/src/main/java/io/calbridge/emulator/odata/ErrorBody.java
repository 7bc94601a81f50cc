package io.calbridge.emulator.odata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Graph's error body: {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}. */
public final class ErrorBody {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ErrorBody() {}

    public static ObjectNode of(String code, String message, String requestId, String clientRequestId, Instant now) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putObject("error");
        err.put("code", code);
        err.put("message", message);
        err.putObject("innerError")
                .put("date", DATE.format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)))
                .put("request-id", requestId)
                .put("client-request-id", clientRequestId);
        return root;
    }
}
