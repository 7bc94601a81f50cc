package io.calbridge.provisioning.enrollment.adapter.out.graph;

import io.calbridge.graph.GraphFailure;
import io.calbridge.messaging.UnknownTenant;
import io.calbridge.provisioning.enrollment.application.MembershipOutcome;
import io.calbridge.provisioning.enrollment.application.ProbeOutcome;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns graph-client failures into enrollment outcomes (GRAPH-FACTS §3 error texts). */
final class GraphOutcomes {

    private GraphOutcomes() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String describe(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof GraphFailure g) {
            return g.status() + " " + g.code() + ": " + g.graphMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A failed add of {@code userId} to {@code scopeId}. */
    static MembershipOutcome add(Throwable thrown, String userId, String scopeId) {
        Throwable e = unwrap(thrown);
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return switch (e) {
            case GraphFailure.BadRequest b when message.contains("already exist") -> new MembershipOutcome.Done();
            case GraphFailure.BadRequest b when message.contains("mail-enabled") || message.contains("distribution list") ->
                    new MembershipOutcome.Failed(FailureReason.MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL, describe(e));
            case GraphFailure.NotFound n when scopeId != null && message.contains(scopeId.toLowerCase(Locale.ROOT)) ->
                    new MembershipOutcome.Failed(FailureReason.SCOPE_WRITE_FORBIDDEN, "the scope object does not exist: " + describe(e));
            case GraphFailure.NotFound n -> new MembershipOutcome.Failed(FailureReason.USER_NOT_FOUND, describe(e));
            default -> common(e);
        };
    }

    /** A failed removal: "not a member" and "not found" count as done. */
    static MembershipOutcome remove(Throwable thrown) {
        Throwable e = unwrap(thrown);
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return switch (e) {
            case GraphFailure.NotFound n -> new MembershipOutcome.Done();
            case GraphFailure.BadRequest b when message.contains("do not exist") -> new MembershipOutcome.Done();
            default -> common(e);
        };
    }

    private static MembershipOutcome common(Throwable e) {
        return switch (e) {
            case GraphFailure.PermissionMissing p -> new MembershipOutcome.Failed(FailureReason.SCOPE_WRITE_FORBIDDEN, describe(e));
            case GraphFailure.AccessDenied a -> new MembershipOutcome.Failed(FailureReason.SCOPE_WRITE_FORBIDDEN, describe(e));
            case GraphFailure.CredentialInvalid c -> new MembershipOutcome.Failed(FailureReason.CREDENTIAL_INVALID, describe(e));
            case GraphFailure.CredentialExpired c -> new MembershipOutcome.Failed(FailureReason.CREDENTIAL_INVALID, describe(e));
            case GraphFailure.Throttled t -> new MembershipOutcome.Retry(describe(e), t.retryAfter());
            case UnknownTenant u -> new MembershipOutcome.Failed(FailureReason.CREDENTIAL_INVALID, "the tenant is not configured");
            default -> new MembershipOutcome.Retry(describe(e), null);
        };
    }

    static ProbeOutcome probe(Throwable thrown) {
        Throwable e = unwrap(thrown);
        return switch (e) {
            case GraphFailure.AccessDenied a -> new ProbeOutcome.Denied(describe(e));
            case GraphFailure.PermissionMissing p -> new ProbeOutcome.Denied(describe(e));
            case GraphFailure.NotFound n -> new ProbeOutcome.NoMailbox(describe(e));
            case GraphFailure.CredentialInvalid c -> new ProbeOutcome.CredentialRejected(describe(e));
            case GraphFailure.CredentialExpired c -> new ProbeOutcome.CredentialRejected(describe(e));
            case UnknownTenant u -> new ProbeOutcome.CredentialRejected("the tenant is not configured");
            default -> new ProbeOutcome.Unavailable(describe(e));
        };
    }
}
