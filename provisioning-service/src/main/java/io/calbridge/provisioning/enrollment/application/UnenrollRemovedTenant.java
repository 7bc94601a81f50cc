package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.application.TenantRemoving;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A tenant is being removed: every mailbox still enrolled leaves. While the tenant's credential still works, the
 * Graph-managed ones are taken out of their scope (best effort, in {@code $batch}es under the directory write pacing;
 * what Graph refuses stays in the scope and is logged), then each gets {@code MailboxUnenrolled} and, when it was
 * connected, {@code AccountDisconnected}, both with reason {@code TENANT_REMOVED}, in the removal's transaction.
 * Mail-enabled groups are Exchange's to change: their members stay until an admin removes them.
 */
@Component
public class UnenrollRemovedTenant {

    private static final Logger log = LoggerFactory.getLogger(UnenrollRemovedTenant.class);
    private static final int MAX_ENROLLMENTS = 1_000_000;
    private static final int CHUNK = 200;

    private final Enrollments enrollments;
    private final ScopeMembers scopeMembers;
    private final EnrollmentPublications publications;
    private final java.time.Clock clock;

    public UnenrollRemovedTenant(Enrollments enrollments, ScopeMembers scopeMembers, EnrollmentPublications publications,
                                 java.time.Clock clock) {
        this.enrollments = enrollments;
        this.scopeMembers = scopeMembers;
        this.publications = publications;
        this.clock = clock;
    }

    @EventListener
    public void on(TenantRemoving removing) {
        String tenantId = removing.tenant().tenantId();
        List<Enrollment> active = enrollments.list(tenantId, null, MAX_ENROLLMENTS).stream()
                .filter(e -> e.state() != EnrollmentState.REMOVED).toList();
        Map<ScopeTarget, List<String>> inScope = new LinkedHashMap<>();
        for (Enrollment e : active) {
            if (e.graphManaged() && e.state() != EnrollmentState.FAILED) {
                inScope.computeIfAbsent(e.scope(), s -> new ArrayList<>()).add(e.userId());
            }
        }
        List<String> left = new ArrayList<>();
        for (var scope : inScope.entrySet()) {
            List<String> ids = scope.getValue();
            for (int i = 0; i < ids.size(); i += CHUNK) {
                scopeMembers.remove(tenantId, scope.getKey(), ids.subList(i, Math.min(ids.size(), i + CHUNK))).forEach((id, outcome) -> {
                    if (!(outcome instanceof MembershipOutcome.Done)) {
                        left.add(id);
                    }
                });
            }
        }
        int unenrolled = 0;
        for (Enrollment e : active) {
            Enrollment removed = e.removedFromScope(clock.instant()).disconnected();
            if (enrollments.update(removed)) {
                publications.unenrolledWithTenant(removed, e.connected());
                unenrolled++;
            }
        }
        if (left.isEmpty()) {
            log.info("Tenant {} is being removed: {} mailboxes unenrolled and out of their scope", tenantId, unenrolled);
        } else {
            log.warn("Tenant {} is being removed: {} mailboxes unenrolled; {} could not be taken out of their scope and "
                    + "stay members until an admin removes them: {}", tenantId, unenrolled, left.size(),
                    left.size() > 20 ? left.subList(0, 20) + "…" : left);
        }
    }
}
