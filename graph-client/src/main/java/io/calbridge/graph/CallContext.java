package io.calbridge.graph;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The state of one attempt of one paced call, bound to the virtual thread that runs it, so the OkHttp
 * interceptor (which runs on that same thread, the SDK being synchronous) can tag, pace and observe each HTTP request.
 */
final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    final String clientRequestId;
    final PermitQueue pacer;
    final boolean mailbox;
    /** Tokens were charged for the whole attempt up front (a $batch), so the interceptor charges none. */
    final boolean precharged;
    private int httpRequests;
    volatile int lastStatus;
    volatile @Nullable String lastRequestId;
    volatile @Nullable String lastRetryAfter;
    volatile @Nullable String lastMethod;

    CallContext(String clientRequestId, PermitQueue pacer, boolean mailbox, boolean precharged) {
        this.clientRequestId = clientRequestId;
        this.pacer = pacer;
        this.mailbox = mailbox;
        this.precharged = precharged;
    }

    static @Nullable CallContext current() { return CURRENT.get(); }

    void bind() { CURRENT.set(this); }

    static void unbind() { CURRENT.remove(); }

    /**
     * Charges the window for one more HTTP request of this attempt, waiting on this (virtual) thread if the budget
     * is spent. A mailbox call's first request was charged at admission; directory reads cost nothing.
     */
    void beforeRequest(String method) {
        lastMethod = method;
        httpRequests++;
        if (precharged) return;
        boolean charge = mailbox ? httpRequests > 1 : isWrite(method);
        if (charge) pacer.acquireTokens(1).join();
    }

    void afterResponse(int status, @Nullable String requestId, @Nullable String retryAfter) {
        lastStatus = status;
        lastRequestId = requestId;
        lastRetryAfter = retryAfter;
    }

    static boolean isWrite(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST", "PATCH", "PUT", "DELETE" -> true;
            default -> false;
        };
    }
}
