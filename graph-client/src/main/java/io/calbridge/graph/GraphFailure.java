package io.calbridge.graph;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Why a Graph call failed, as something a service can act on. Every failure carries Graph's {@code request-id}
 * (null when Graph never answered) and our {@code client-request-id}, for Microsoft support and our logs.
 * The message holds Graph's error code and message, never a token or secret.
 */
public abstract sealed class GraphFailure extends RuntimeException {
    private final int status;
    private final String code;
    private final @Nullable String requestId;
    private final String clientRequestId;

    GraphFailure(int status, String code, String message, @Nullable String requestId, String clientRequestId,
                 @Nullable Throwable cause) {
        super(message, cause, false, true);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.clientRequestId = clientRequestId;
    }

    /** The HTTP status Graph or Entra ID answered, or 0 when there was no answer (timeout, connection failure, circuit open). */
    public int status() { return status; }

    /** Graph's {@code error.code}, an {@code AADSTS} code for credential failures, or our own code for local failures. */
    public String code() { return code; }

    public @Nullable String requestId() { return requestId; }

    public String clientRequestId() { return clientRequestId; }

    /** Graph's or Entra ID's own error message, without our ids. */
    public String graphMessage() { return super.getMessage(); }

    @Override public String getMessage() {
        return (status > 0 ? status + " " : "") + code + ": " + super.getMessage()
                + " (request-id=" + requestId + ", client-request-id=" + clientRequestId + ")";
    }

    /** The mailbox is outside the service account's scope (Application Access Policy or RBAC for Applications). */
    public static final class AccessDenied extends GraphFailure {
        AccessDenied(int status, String code, String message, @Nullable String requestId, String clientRequestId) {
            super(status, code, message, requestId, clientRequestId, null);
        }
    }

    /** The app lacks an application permission (a role absent from the token, or consent not granted for it). */
    public static final class PermissionMissing extends GraphFailure {
        PermissionMissing(int status, String code, String message, @Nullable String requestId, String clientRequestId) {
            super(status, code, message, requestId, clientRequestId, null);
        }
    }

    /** The user, mailbox, event, group or other object does not exist (or has no Exchange Online mailbox). */
    public static final class NotFound extends GraphFailure {
        NotFound(int status, String code, String message, @Nullable String requestId, String clientRequestId) {
            super(status, code, message, requestId, clientRequestId, null);
        }
    }

    /** Still throttled after our retries were exhausted; {@link #retryAfter()} is Graph's last {@code Retry-After}. */
    public static final class Throttled extends GraphFailure {
        private final @Nullable Duration retryAfter;

        Throttled(int status, String code, String message, @Nullable String requestId, String clientRequestId,
                  @Nullable Duration retryAfter) {
            super(status, code, message, requestId, clientRequestId, null);
            this.retryAfter = retryAfter;
        }

        public @Nullable Duration retryAfter() { return retryAfter; }
    }

    /** Entra ID rejected the credential: wrong secret, unknown app, app not consented in the tenant, bad assertion ({@code AADSTS7000215}, {@code 700016}, …). */
    public static final class CredentialInvalid extends GraphFailure {
        CredentialInvalid(int status, String code, String message, @Nullable String requestId, String clientRequestId,
                          @Nullable Throwable cause) {
            super(status, code, message, requestId, clientRequestId, cause);
        }
    }

    /** The client secret has expired ({@code AADSTS7000222}); a new one must be registered. */
    public static final class CredentialExpired extends GraphFailure {
        CredentialExpired(int status, String code, String message, @Nullable String requestId, String clientRequestId,
                          @Nullable Throwable cause) {
            super(status, code, message, requestId, clientRequestId, cause);
        }
    }

    /** The tenant's circuit breaker is open after persistent 5xx responses or timeouts; nothing was sent. */
    public static final class CircuitOpen extends GraphFailure {
        CircuitOpen(String tenantId, String clientRequestId) {
            super(0, "CircuitOpen", "Circuit breaker for tenant " + tenantId + " is open", null, clientRequestId, null);
        }
    }

    /** 5xx, timeout or connection failure that persisted through our retries, or our own queue was full. Worth retrying later. */
    public static final class Transient extends GraphFailure {
        Transient(int status, String code, String message, @Nullable String requestId, String clientRequestId,
                  @Nullable Throwable cause) {
            super(status, code, message, requestId, clientRequestId, cause);
        }
    }

    /** Graph rejected the request as malformed (400): a bug or bad input, never retried. */
    public static final class BadRequest extends GraphFailure {
        BadRequest(int status, String code, String message, @Nullable String requestId, String clientRequestId) {
            super(status, code, message, requestId, clientRequestId, null);
        }
    }

    /**
     * Any other refusal that retrying will not fix: 409 conflict, 410 {@code syncStateNotFound}/{@code resyncRequired},
     * 412 precondition failed, 501 not implemented, and the like. Inspect {@link #status()} and {@link #code()}.
     */
    public static final class Rejected extends GraphFailure {
        Rejected(int status, String code, String message, @Nullable String requestId, String clientRequestId) {
            super(status, code, message, requestId, clientRequestId, null);
        }
    }
}
