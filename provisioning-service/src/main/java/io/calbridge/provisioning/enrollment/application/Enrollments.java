package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where enrollments are kept, so that nothing is lost across restarts. */
public interface Enrollments {

    Optional<Enrollment> find(String tenantId, String userId);

    /** Inserts a new enrollment; false when one already exists (a concurrent insert won). */
    boolean insert(Enrollment enrollment);

    /**
     * Replaces the enrollment if nobody changed it since it was read ({@code revision} matches).
     *
     * @return false when it was changed meanwhile; the caller drops its change and the row is seen again later
     */
    boolean update(Enrollment enrollment);

    /**
     * Takes up to {@code limit} enrollments in {@code state} that are due, oldest first, and pushes their next
     * attempt {@code lease} ahead so that no other worker takes them; a worker that dies leaves them due again later.
     */
    List<Enrollment> claimDue(EnrollmentState state, Instant now, Duration lease, int limit);

    /** How many enrollments in {@code state} are due, and since when the oldest and the newest of them are. */
    record Due(int count, Instant oldest, Instant newest) {}

    Due due(EnrollmentState state, Instant now);

    /** A tenant's enrollments, optionally in one state, by user id. */
    List<Enrollment> list(String tenantId, EnrollmentState state, int limit);

    Map<EnrollmentState, Long> countByState(String tenantId);
}
