package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin ran the generated Exchange PowerShell for a mail-enabled group: an added mailbox goes on to
 * verification; a removed one is unenrolled.
 */
@Service
public class ConfirmAdminAction {

    private final Enrollments enrollments;
    private final EnrollmentPublications publications;
    private final Clock clock;

    public ConfirmAdminAction(Enrollments enrollments, EnrollmentPublications publications, Clock clock) {
        this.enrollments = enrollments;
        this.publications = publications;
        this.clock = clock;
    }

    @Transactional
    public Enrollment confirm(String tenantId, String userId) {
        Enrollment current = enrollments.find(tenantId, userId).orElseThrow(() -> new EnrollmentNotFound(tenantId, userId));
        Enrollment next = current.confirmedByAdmin(clock.instant());
        if (next.state() == EnrollmentState.REMOVED) {
            publications.unenrolled(next, next.connected());
            next = next.disconnected();
        }
        if (!enrollments.update(next)) {
            throw new ConcurrentChange(tenantId, userId);
        }
        return next;
    }
}
