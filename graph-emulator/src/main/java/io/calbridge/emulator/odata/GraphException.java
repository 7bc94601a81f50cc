package io.calbridge.emulator.odata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that the pipeline turns into Graph's error body
 * {@code {"error":{"code","message","innerError":{...}}}} with the given HTTP status.
 * Extra headers (e.g. {@code Retry-After}, {@code Location}) travel with it.
 */
public final class GraphException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GraphException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public GraphException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, String> headers() { return headers; }

    public static GraphException badRequest(String message) {
        return new GraphException(400, "BadRequest", message);
    }

    public static GraphException notImplemented(String what) {
        return new GraphException(501, "NotImplemented", "The emulator does not implement " + what + ".");
    }

    public static GraphException directoryNotFound(String id) {
        return new GraphException(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    public static GraphException itemNotFound() {
        return new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    public static GraphException invalidUser(String user) {
        return new GraphException(404, "ErrorInvalidUser", "The requested user '" + user + "' is invalid.");
    }

    public static GraphException accessDenied() {
        return new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    public static GraphException insufficientPrivileges() {
        return new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    public static GraphException malformedId() {
        return new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed.");
    }
}
