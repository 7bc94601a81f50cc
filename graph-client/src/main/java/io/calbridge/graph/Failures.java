package io.calbridge.graph;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns what Graph and Entra ID answer into a {@link GraphFailure}, and decides what is worth retrying. */
final class Failures {
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
    private static final Set<String> EXPIRED = Set.of("7000222");
    private static final Set<String> INVALID_CLIENT_ERRORS = Set.of(
            "invalid_client", "unauthorized_client", "invalid_request", "invalid_grant", "invalid_scope", "invalid_resource");

    private Failures() {}

    /** What one failed HTTP exchange told us, whether it came from an exception or a $batch sub-response. */
    record Answer(int status, String code, String message, @Nullable String requestId, @Nullable Duration retryAfter,
                  @Nullable Throwable cause) {

        /** Throttled or transiently unavailable: the retry policy may try again. */
        boolean retryable() { return status == 429 || status == 503 || status == 504; }

        /** Counts against the tenant's circuit breaker. */
        boolean breakerFailure() { return status >= 500 && status != 501 || status == 0; }
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    /** Reads an SDK exception: an {@link ApiException} carries the status, an {@link IOException} means no answer. */
    static @Nullable Answer read(Throwable thrown, CallContext ctx) {
        Throwable e = unwrap(thrown);
        if (e instanceof GraphFailure) return null; // from the token source, already classified
        if (e instanceof ApiException api) {
            int status = api.getResponseStatusCode();
            String code = "HTTP" + status;
            String message = e.getMessage() == null ? "" : e.getMessage();
            String requestId = ctx.lastRequestId;
            if (api instanceof ODataError odata && odata.getError() != null) {
                MainError main = odata.getError();
                if (main.getCode() != null) code = main.getCode();
                if (main.getMessage() != null) message = main.getMessage();
                if (main.getInnerError() != null && main.getInnerError().getRequestId() != null && requestId == null) {
                    requestId = main.getInnerError().getRequestId();
                }
            }
            String retryAfter = header(api.getResponseHeaders(), "retry-after");
            if (retryAfter == null) retryAfter = ctx.lastRetryAfter;
            return new Answer(status, code, message, requestId, retryAfter(retryAfter), e);
        }
        IOException io = ioCause(e);
        if (io != null) {
            return new Answer(0, io instanceof java.io.InterruptedIOException ? "Timeout" : "ConnectionFailed",
                    String.valueOf(io.getMessage()), ctx.lastRequestId, null, io);
        }
        return null;
    }

    /** An IOException is retried only when the request cannot have reached Graph or cannot have changed anything. */
    static boolean networkRetryable(Answer answer, CallContext ctx) {
        if (answer.status() != 0) return false;
        return answer.cause() instanceof ConnectException || "GET".equalsIgnoreCase(ctx.lastMethod);
    }

    static GraphFailure toFailure(Answer a, GraphTarget target, String clientRequestId) {
        int s = a.status();
        String code = a.code();
        String msg = a.message();
        String rid = a.requestId();
        if (s == 0) return new GraphFailure.Transient(0, code, msg, rid, clientRequestId, a.cause());
        if (s == 400) return new GraphFailure.BadRequest(s, code, msg, rid, clientRequestId);
        if (s == 401) return new GraphFailure.CredentialInvalid(s, code, msg, rid, clientRequestId, null);
        if (s == 403) {
            // Outlook says "Access is denied. Check credentials…" for a missing Calendars.* role, and names the
            // access policy when the mailbox is out of scope; the directory's 403 is always about privileges.
            boolean missingRole = code.equals("Authorization_RequestDenied")
                    || msg.toLowerCase(Locale.ROOT).contains("check credentials")
                    || target instanceof GraphTarget.Directory;
            return missingRole ? new GraphFailure.PermissionMissing(s, code, msg, rid, clientRequestId)
                    : new GraphFailure.AccessDenied(s, code, msg, rid, clientRequestId);
        }
        if (s == 404) return new GraphFailure.NotFound(s, code, msg, rid, clientRequestId);
        if (s == 429) return new GraphFailure.Throttled(s, code, msg, rid, clientRequestId, a.retryAfter());
        if (s == 500 || s == 502 || s == 503 || s == 504) return new GraphFailure.Transient(s, code, msg, rid, clientRequestId, null);
        return new GraphFailure.Rejected(s, code, msg, rid, clientRequestId);
    }

    /** Maps an MSAL failure by its AADSTS code: expired secret, otherwise a rejected credential, or a transient outage. */
    static GraphFailure fromToken(Throwable thrown, String clientRequestId) {
        Throwable e = unwrap(thrown);
        if (e instanceof GraphFailure g) return g;
        if (e instanceof MsalServiceException service) {
            String message = String.valueOf(service.getMessage());
            Matcher m = AADSTS.matcher(message);
            String aadsts = m.find() ? m.group(1) : null;
            int status = service.statusCode() == null ? 400 : service.statusCode();
            String code = aadsts != null ? "AADSTS" + aadsts : String.valueOf(service.errorCode());
            String firstLine = message.lines().findFirst().orElse(message).replaceFirst("^AADSTS\\d+:\\s*", "");
            String correlation = service.correlationId();
            if (aadsts != null && EXPIRED.contains(aadsts)) {
                return new GraphFailure.CredentialExpired(status, code, firstLine, correlation, clientRequestId, null);
            }
            if (status >= 500 || status == 429) {
                return new GraphFailure.Transient(status, code, firstLine, correlation, clientRequestId, null);
            }
            if (aadsts != null || INVALID_CLIENT_ERRORS.contains(String.valueOf(service.errorCode()))) {
                return new GraphFailure.CredentialInvalid(status, code, firstLine, correlation, clientRequestId, null);
            }
            return new GraphFailure.CredentialInvalid(status, code, firstLine, correlation, clientRequestId, null);
        }
        if (e instanceof MsalClientException client) {
            IOException io = ioCause(client);
            if (io != null || client.getCause() instanceof IOException) {
                return new GraphFailure.Transient(0, "TokenEndpointUnreachable", String.valueOf(client.getMessage()), null, clientRequestId, client);
            }
            return new GraphFailure.CredentialInvalid(0, String.valueOf(client.errorCode()), String.valueOf(client.getMessage()), null, clientRequestId, client);
        }
        IOException io = ioCause(e);
        if (io != null) return new GraphFailure.Transient(0, "TokenEndpointUnreachable", String.valueOf(io.getMessage()), null, clientRequestId, io);
        return new GraphFailure.Transient(0, "TokenAcquisitionFailed", String.valueOf(e.getMessage()), null, clientRequestId, e);
    }

    static @Nullable IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) return io;
            if (t.getCause() == t) break;
        }
        return null;
    }

    static @Nullable String header(@Nullable Map<String, ? extends java.util.Collection<String>> headers, String name) {
        if (headers == null) return null;
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) return entry.getValue().iterator().next();
        }
        return null;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
