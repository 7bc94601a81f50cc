package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of enrollment: per mailbox and counts per state. */
@Service
@Transactional(readOnly = true)
public class EnrollmentStatus {

    private final Enrollments enrollments;

    public EnrollmentStatus(Enrollments enrollments) {
        this.enrollments = enrollments;
    }

    public List<Enrollment> list(String tenantId, EnrollmentState state, int limit) {
        return enrollments.list(tenantId, state, limit);
    }

    public Enrollment one(String tenantId, String userId) {
        return enrollments.find(tenantId, userId).orElseThrow(() -> new EnrollmentNotFound(tenantId, userId));
    }

    public Map<EnrollmentState, Long> counts(String tenantId) {
        return enrollments.countByState(tenantId);
    }
}
