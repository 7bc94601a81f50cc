package io.calbridge.provisioning.enrollment.domain;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One person's or room's mailbox on its way into or out of the service account's scope. Transitions return a new
 * value; {@code revision} guards against two writers (the directory handler and the worker) overwriting each other.
 *
 * @param tenantId          Entra tenant id
 * @param userId            Entra object id of the mailbox owner (person or room account)
 * @param type              person or room
 * @param userPrincipalName sign-in name; for rooms the room's address
 * @param mail              primary SMTP address; null until known
 * @param displayName       null when unknown
 * @param roomListAddress   for a room, the room list it came from
 * @param state             where it stands
 * @param operation         into or out of the scope
 * @param scope             the scope it is (being) put in
 * @param attempts          attempts of the current step
 * @param nextAttemptAt     when the worker may next act on it
 * @param verifySince       when verification started (propagation clock)
 * @param failureReason     set when FAILED
 * @param lastError         the last error seen, for the status API
 * @param adminScript       PowerShell an admin must run, when AWAITING_ADMIN
 * @param correlationId     ce_id or request id that started the current operation
 * @param requestedAt       when the current add was asked for: the directory event's time for a person, the discovery
 *                          time for a room; null for rows recorded before it was kept
 * @param connected         whether {@code AccountConnected} was published and not yet undone
 * @param revision          optimistic-lock counter
 * @param updatedAt         last change
 * @param traceparent       W3C {@code traceparent} of the work that asked for the current operation (the directory
 *                          event's handling), so the worker's later steps and their events continue that trace; null
 *                          when none was recorded
 */
public record Enrollment(String tenantId, String userId, MailboxType type, String userPrincipalName, String mail,
                         String displayName, String roomListAddress, EnrollmentState state, Operation operation,
                         ScopeTarget scope, int attempts, Instant nextAttemptAt, Instant verifySince,
                         FailureReason failureReason, String lastError, String adminScript, String correlationId,
                         Instant requestedAt, boolean connected, long revision, Instant updatedAt, String traceparent) {

    public Enrollment {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** A new request to put a mailbox into {@code scope}; the first state depends on the strategy. */
    public static Enrollment requested(String tenantId, String userId, MailboxType type, String userPrincipalName, String mail,
                                       String displayName, String roomListAddress, ScopeTarget scope, String correlationId,
                                       Instant requestedAt, Instant now) {
        Enrollment e = new Enrollment(tenantId, userId, type, userPrincipalName, mail, displayName, roomListAddress,
                EnrollmentState.PENDING, Operation.ADD, scope, 0, now, null, null, null, null, correlationId, requestedAt, false, 0, now, null);
        return e.startAdd(scope, correlationId, now);
    }

    /**
     * The directory reports the person again. Active enrollments are left alone (a duplicate does not add twice);
     * removed or failed ones start over.
     */
    public Enrollment requestedAgain(String userPrincipalName, String mail, String displayName, String roomListAddress,
                                     ScopeTarget scope, String correlationId, Instant requestedAt, Instant now) {
        boolean active = switch (state) {
            case PENDING, ADDED, CONNECTED -> true;
            case AWAITING_ADMIN -> operation == Operation.ADD;
            case FAILED, REMOVING, REMOVED -> false;
        };
        if (active) {
            return this;
        }
        Enrollment refreshed = new Enrollment(tenantId, userId, type, coalesce(userPrincipalName, this.userPrincipalName),
                coalesce(mail, this.mail), coalesce(displayName, this.displayName), coalesce(roomListAddress, this.roomListAddress),
                state, operation, scope, 0, now, null, null, null, null, correlationId, requestedAt, connected, revision, now, traceparent);
        return refreshed.startAdd(scope, correlationId, now);
    }

    private Enrollment startAdd(ScopeTarget target, String correlationId, Instant now) {
        return switch (target.strategy()) {
            case ADMINISTRATIVE_UNIT, SECURITY_GROUP -> with(EnrollmentState.PENDING, Operation.ADD, target, 0, now, null, null, null, null, correlationId, now);
            case MAIL_ENABLED_GROUP -> with(EnrollmentState.AWAITING_ADMIN, Operation.ADD, target, 0, now, null, null, null,
                    ExchangeCommands.add(target, memberIdentity()), correlationId, now);
            case TENANT_WIDE -> with(EnrollmentState.ADDED, Operation.ADD, target, 0, now, now, null, null, null, correlationId, now);
        };
    }

    /** The person left: take the mailbox out of the scope it was put in. Returns this when there is nothing to do. */
    public Enrollment removalRequested(String correlationId, Instant now) {
        if (state == EnrollmentState.REMOVED || state == EnrollmentState.REMOVING
                || (state == EnrollmentState.AWAITING_ADMIN && operation == Operation.REMOVE)) {
            return this;
        }
        if (state == EnrollmentState.AWAITING_ADMIN) {
            // The admin never added it: nothing to take out.
            return with(EnrollmentState.REMOVED, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
        }
        return switch (scope.strategy()) {
            case ADMINISTRATIVE_UNIT, SECURITY_GROUP -> with(EnrollmentState.REMOVING, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
            case MAIL_ENABLED_GROUP -> with(EnrollmentState.AWAITING_ADMIN, Operation.REMOVE, scope, 0, now, null, null, null,
                    ExchangeCommands.remove(scope, memberIdentity()), correlationId, now);
            case TENANT_WIDE -> with(EnrollmentState.REMOVED, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
        };
    }

    /** Graph confirmed the mailbox is in the scope (or it already was): verify access next. */
    public Enrollment addedToScope(Instant now) {
        return with(EnrollmentState.ADDED, Operation.ADD, scope, 0, now, now, null, null, null, correlationId, now);
    }

    /** An admin confirmed they ran the script. */
    public Enrollment confirmedByAdmin(Instant now) {
        if (state != EnrollmentState.AWAITING_ADMIN) {
            throw new NotAwaitingAdmin(userId, state);
        }
        return operation == Operation.ADD ? addedToScope(now)
                : with(EnrollmentState.REMOVED, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
    }

    /** Reconciliation found the mailbox missing from the scope it should be in: add it again (no new events once verified). */
    public Enrollment missingFromScope(Instant now) {
        return with(EnrollmentState.PENDING, Operation.ADD, scope, 0, now, null, null, null, null, correlationId, now);
    }

    /** Reconciliation found a removed mailbox back in the scope: take it out again. */
    public Enrollment backInScope(Instant now) {
        return with(EnrollmentState.REMOVING, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
    }

    /** A verifying read succeeded. */
    public Enrollment verified(String mail, Instant now) {
        Enrollment e = with(EnrollmentState.CONNECTED, Operation.ADD, scope, 0, now, verifySince, null, null, null, correlationId, now);
        return e.withMail(mail).withConnected(true);
    }

    /** Graph confirmed removal (or it was not a member). */
    public Enrollment removedFromScope(Instant now) {
        return with(EnrollmentState.REMOVED, Operation.REMOVE, scope, 0, now, null, null, null, null, correlationId, now);
    }

    /** After {@code AccountDisconnected} went out. */
    public Enrollment disconnected() {
        return withConnected(false);
    }

    /** Try the current step again after {@code delay}. */
    public Enrollment retryAfter(Duration delay, String error, Instant now) {
        return with(state, operation, scope, attempts + 1, now.plus(delay), verifySince, null, truncate(error), adminScript, correlationId, now);
    }

    /** Give up with a reason. */
    public Enrollment failed(FailureReason reason, String error, Instant now) {
        return with(EnrollmentState.FAILED, operation, scope, attempts, now, verifySince, reason, truncate(error), adminScript, correlationId, now);
    }

    /** How long verification has been waiting for propagation. */
    public Duration verifyingFor(Instant now) {
        return verifySince == null ? Duration.ZERO : Duration.between(verifySince, now);
    }

    /** The name Exchange PowerShell knows the member by. */
    public String memberIdentity() {
        return userPrincipalName != null ? userPrincipalName : mail != null ? mail : userId;
    }

    public Enrollment withMail(String mail) {
        return new Enrollment(tenantId, userId, type, userPrincipalName, coalesce(mail, this.mail), displayName, roomListAddress, state,
                operation, scope, attempts, nextAttemptAt, verifySince, failureReason, lastError, adminScript, correlationId,
                requestedAt, connected, revision, updatedAt, traceparent);
    }

    /** The same enrollment, its later steps continuing the trace {@code traceparent} (null for none). */
    public Enrollment tracedBy(String traceparent) {
        return new Enrollment(tenantId, userId, type, userPrincipalName, mail, displayName, roomListAddress, state, operation,
                scope, attempts, nextAttemptAt, verifySince, failureReason, lastError, adminScript, correlationId, requestedAt, connected,
                revision, updatedAt, traceparent);
    }

    private Enrollment withConnected(boolean connected) {
        return new Enrollment(tenantId, userId, type, userPrincipalName, mail, displayName, roomListAddress, state, operation,
                scope, attempts, nextAttemptAt, verifySince, failureReason, lastError, adminScript, correlationId, requestedAt, connected,
                revision, updatedAt, traceparent);
    }

    private Enrollment with(EnrollmentState state, Operation operation, ScopeTarget scope, int attempts, Instant nextAttemptAt,
                            Instant verifySince, FailureReason reason, String lastError, String adminScript, String correlationId,
                            Instant now) {
        return new Enrollment(tenantId, userId, type, userPrincipalName, mail, displayName, roomListAddress, state, operation,
                scope, attempts, nextAttemptAt, verifySince, reason, lastError, adminScript, correlationId, requestedAt, connected, revision, now,
                traceparent);
    }

    private static String coalesce(String a, String b) {
        return a != null ? a : b;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    /** Whether this strategy needs Graph to write the scope. */
    public boolean graphManaged() {
        return scope.strategy() == Strategy.ADMINISTRATIVE_UNIT || scope.strategy() == Strategy.SECURITY_GROUP;
    }
}
