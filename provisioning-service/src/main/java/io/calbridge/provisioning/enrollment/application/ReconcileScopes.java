package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares the desired scope membership (enrollments) with the actual one (Graph) and repairs drift both ways:
 * mailboxes that should be in but are not are added again; mailboxes Calbridge removed that are back are removed
 * again. Members Calbridge never enrolled are reported, not touched. Also picks up new rooms of the room lists.
 * Runs every {@code calbridge.provisioning.reconcile-interval} (default 1 h) and on request.
 */
@Service
public class ReconcileScopes {

    private static final Logger log = LoggerFactory.getLogger(ReconcileScopes.class);
    private static final int MAX_ENROLLMENTS = 1_000_000;

    private final Tenants tenants;
    private final Enrollments enrollments;
    private final ScopeMembers scopeMembers;
    private final EnrollRooms enrollRooms;
    private final Clock clock;

    public ReconcileScopes(Tenants tenants, Enrollments enrollments, ScopeMembers scopeMembers, EnrollRooms enrollRooms, Clock clock) {
        this.tenants = tenants;
        this.enrollments = enrollments;
        this.scopeMembers = scopeMembers;
        this.enrollRooms = enrollRooms;
        this.clock = clock;
    }

    /**
     * What a reconciliation changed.
     *
     * @param readded        mailboxes missing from their scope, queued to be added again
     * @param removedAgain   mailboxes removed by Calbridge but found in the scope, queued to be removed again
     * @param unmanaged      members of the scope Calbridge did not enroll (left alone)
     * @param roomsRecorded  new rooms found in the room lists
     * @param error          why the tenant could not be reconciled; null when it was
     */
    public record Report(String tenantId, List<String> readded, List<String> removedAgain, int unmanaged, int roomsRecorded,
                         String error) {}

    @Scheduled(fixedDelayString = "${calbridge.provisioning.reconcile-interval:1h}",
            initialDelayString = "${calbridge.provisioning.reconcile-interval:1h}")
    public void reconcileAll() {
        for (Tenant tenant : tenants.active()) {
            Report report = reconcile(tenant.tenantId());
            if (report.error() != null || !report.readded().isEmpty() || !report.removedAgain().isEmpty() || report.roomsRecorded() > 0) {
                log.info("Reconciled tenant {}: {}", tenant.tenantId(), report);
            }
        }
    }

    public Report reconcile(String tenantId) {
        Tenant tenant = tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
        int rooms = 0;
        try {
            rooms = enrollRooms.enroll(tenantId, null).roomLists().stream().mapToInt(EnrollRooms.RoomListResult::recorded).sum();
        } catch (RuntimeException e) {
            log.warn("Rooms of tenant {} could not be reconciled: {}", tenantId, e.toString());
        }
        List<String> readded = new ArrayList<>();
        List<String> removedAgain = new ArrayList<>();
        int unmanaged = 0;
        List<Enrollment> all = enrollments.list(tenantId, null, MAX_ENROLLMENTS);
        Set<ScopeTarget> scopes = new HashSet<>();
        all.stream().filter(Enrollment::graphManaged).forEach(e -> scopes.add(e.scope()));
        try {
            for (ScopeTarget scope : scopes) {
                Set<String> actual = scopeMembers.members(tenantId, scope);
                Set<String> known = new HashSet<>();
                for (Enrollment e : all) {
                    if (!e.scope().equals(scope)) {
                        continue;
                    }
                    known.add(e.userId());
                    boolean shouldBeIn = e.state() == EnrollmentState.ADDED || e.state() == EnrollmentState.CONNECTED;
                    if (shouldBeIn && !actual.contains(e.userId()) && enrollments.update(e.missingFromScope(clock.instant()))) {
                        readded.add(e.userId());
                    } else if (e.state() == EnrollmentState.REMOVED && actual.contains(e.userId())
                            && enrollments.update(e.backInScope(clock.instant()))) {
                        removedAgain.add(e.userId());
                    }
                }
                unmanaged += (int) actual.stream().filter(id -> !known.contains(id)).count();
            }
        } catch (RuntimeException e) {
            return new Report(tenantId, readded, removedAgain, unmanaged, rooms, e.getMessage());
        }
        return new Report(tenantId, readded, removedAgain, unmanaged, rooms, null);
    }
}
