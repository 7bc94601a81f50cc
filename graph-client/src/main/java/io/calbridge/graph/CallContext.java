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
    final PermitQueue.Permit permit;
    final boolean mailbox;
    /** One HTTP request carries all the attempt's reserved tokens (a $batch): it spends them all when it leaves. */
    final boolean precharged;
    private int httpRequests;
    volatile int lastStatus;
    volatile @Nullable String lastRequestId;
    volatile @Nullable String lastRetryAfter;
    volatile @Nullable String lastMethod;

    CallContext(String clientRequestId, PermitQueue pacer, PermitQueue.Permit permit, boolean mailbox, boolean precharged) {
        this.clientRequestId = clientRequestId;
        this.pacer = pacer;
        this.permit = permit;
        this.mailbox = mailbox;
        this.precharged = precharged;
    }

    static @Nullable CallContext current() { return CURRENT.get(); }

    void bind() { CURRENT.set(this); }

    static void unbind() { CURRENT.remove(); }

    /**
     * Charges the window for the HTTP request about to leave, at the moment it leaves. A mailbox call's first request
     * uses the token reserved at admission; later ones (next pages) and directory writes wait for a token on this
     * (virtual) thread if the budget is spent. Directory reads cost nothing.
     */
    void beforeRequest(String method) {
        lastMethod = method;
        httpRequests++;
        if (precharged) {
            permit.spend(Integer.MAX_VALUE);
            return;
        }
        boolean charge = mailbox || isWrite(method);
        if (charge && permit.spend(1) == 0) pacer.acquireTokens(1).join();
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
