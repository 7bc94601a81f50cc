package io.calbridge.provisioning.enrollment.adapter.in.web;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.Operation;
import io.calbridge.provisioning.tenant.domain.Strategy;
import java.time.Instant;

/** One mailbox's enrollment as the API shows it. */
public record EnrollmentView(String userId, MailboxType kind, String userPrincipalName, String mail, String displayName,
                             String roomListAddress, EnrollmentState state, Operation operation, Strategy strategy,
                             String scopeId, int attempts, Instant nextAttemptAt, FailureReason failureReason, String lastError,
                             String adminScript, boolean connected, Instant updatedAt) {

    static EnrollmentView of(Enrollment e) {
        return new EnrollmentView(e.userId(), e.type(), e.userPrincipalName(), e.mail(), e.displayName(), e.roomListAddress(),
                e.state(), e.operation(), e.scope().strategy(), e.scope().scopeId(), e.attempts(), e.nextAttemptAt(),
                e.failureReason(), e.lastError(), e.adminScript(), e.connected(), e.updatedAt());
    }
}
