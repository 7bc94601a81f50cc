package io.calbridge.provisioning.enrollment.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.enrollment.AccessScope;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.common.events.enrollment.MailboxEnrollmentFailed;
import io.calbridge.common.events.enrollment.MailboxUnenrolled;
import io.calbridge.messaging.Outbox;
import io.calbridge.provisioning.enrollment.application.EnrollmentMetrics;
import io.calbridge.provisioning.enrollment.application.EnrollmentPublications;
import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Enrollment outcomes as Calbridge events, appended to the outbox in the caller's transaction. */
@Component
public class OutboxEnrollmentPublications implements EnrollmentPublications {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final Clock clock;
    private final EnrollmentMetrics metrics;

    public OutboxEnrollmentPublications(Outbox outbox, CloudEventCodec codec, Clock clock, EnrollmentMetrics metrics) {
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void enrolled(Enrollment e) {
        Instant now = clock.instant();
        UUID enrolledId = UUID.randomUUID();
        MailboxKind kind = kind(e);
        append(new MailboxEnrolled(e.tenantId(), e.userId(), e.mail(), kind, scope(e.tenantId(), e.scope()), e.updatedAt(), now, e.correlationId()),
                enrolledId, now);
        append(new AccountConnected(e.tenantId(), e.userId(), e.mail(), kind, e.displayName(),
                kind == MailboxKind.ROOM ? e.roomListAddress() : null, e.updatedAt(), enrolledId.toString()), UUID.randomUUID(), now);
        metrics.connected(e, now);
    }

    @Override
    public void failed(Enrollment e, FailureReason reason, String detail, String remediation) {
        Instant now = clock.instant();
        append(new MailboxEnrollmentFailed(e.tenantId(), e.userId(), address(e.mail()), kind(e),
                MailboxEnrollmentFailed.Reason.valueOf(reason.name()), blankToNull(detail), blankToNull(remediation), now,
                e.correlationId()), UUID.randomUUID(), now);
    }

    @Override
    public void unenrolled(Enrollment e, boolean disconnect) {
        boolean room = e.type() == MailboxType.ROOM;
        unenrolled(e, disconnect, room ? MailboxUnenrolled.Reason.POLICY_CHANGED : MailboxUnenrolled.Reason.USER_OFFBOARDED,
                room ? AccountDisconnected.Reason.REMOVED_FROM_SCOPE : AccountDisconnected.Reason.USER_OFFBOARDED);
    }

    @Override
    public void unenrolledWithTenant(Enrollment e, boolean disconnect) {
        unenrolled(e, disconnect, MailboxUnenrolled.Reason.TENANT_REMOVED, AccountDisconnected.Reason.TENANT_REMOVED);
    }

    private void unenrolled(Enrollment e, boolean disconnect, MailboxUnenrolled.Reason reason, AccountDisconnected.Reason disconnected) {
        Instant now = clock.instant();
        UUID unenrolledId = UUID.randomUUID();
        append(new MailboxUnenrolled(e.tenantId(), e.userId(), address(e.mail()), kind(e), reason, now, e.correlationId()),
                unenrolledId, now);
        if (disconnect && e.mail() != null) {
            append(new AccountDisconnected(e.tenantId(), e.userId(), e.mail(), kind(e), disconnected, now,
                    unenrolledId.toString()), UUID.randomUUID(), now);
        }
    }

    private void append(CalbridgeEvent event, UUID id, Instant now) {
        outbox.append(codec.encode(event, id, now));
    }

    private static MailboxKind kind(Enrollment e) {
        return e.type() == MailboxType.ROOM ? MailboxKind.ROOM : MailboxKind.USER;
    }

    private static AccessScope scope(String tenantId, ScopeTarget target) {
        AccessScope.ScopeType type = switch (target.strategy()) {
            case ADMINISTRATIVE_UNIT -> AccessScope.ScopeType.ADMINISTRATIVE_UNIT;
            case SECURITY_GROUP -> AccessScope.ScopeType.SECURITY_GROUP;
            case MAIL_ENABLED_GROUP -> AccessScope.ScopeType.MAIL_ENABLED_SECURITY_GROUP;
            case TENANT_WIDE -> null;
        };
        // Tenant-wide consent has no scope object; the organisation itself is the scope.
        return type == null ? new AccessScope(AccessScope.ScopeType.ORGANIZATION, tenantId, "Tenant-wide (no restriction)")
                : new AccessScope(type, target.scopeId(), target.name());
    }

    private static String address(String mail) {
        return mail != null && mail.contains("@") ? mail : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
