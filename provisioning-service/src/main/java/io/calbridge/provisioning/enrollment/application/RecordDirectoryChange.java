package io.calbridge.provisioning.enrollment.application;

import io.calbridge.messaging.TraceContext;
import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.Operation;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Person;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records joiners and leavers as work for the enrollment worker; never calls Graph, so the Kafka consumer thread
 * does not wait. Runs in the consumer's transaction, together with the idempotency record of the event. The
 * current trace is stored with the work, so the worker's steps and the events they publish continue it.
 */
@Service
public class RecordDirectoryChange {

    private static final Logger log = LoggerFactory.getLogger(RecordDirectoryChange.class);

    private final Tenants tenants;
    private final Enrollments enrollments;
    private final EnrollmentPublications publications;
    private final Clock clock;

    public RecordDirectoryChange(Tenants tenants, Enrollments enrollments, EnrollmentPublications publications, Clock clock) {
        this.tenants = tenants;
        this.enrollments = enrollments;
        this.publications = publications;
        this.clock = clock;
    }

    /**
     * A person joined: enroll them if the tenant's policy includes them.
     *
     * @throws TenantNotFound   when the tenant is not registered
     * @throws PolicyIncomplete when the policy names no scope object
     */
    @Transactional
    public void onboarded(DirectoryChange change) {
        Tenant tenant = requireTenant(change.tenantId());
        Person person = new Person(change.userId(), change.userPrincipalName(), change.mail(), change.displayName(), change.department());
        if (!tenant.policy().includes(person)) {
            log.debug("User {} of tenant {} is outside the enrollment policy", change.userId(), change.tenantId());
            return;
        }
        request(tenant, change.userId(), MailboxType.USER, change.userPrincipalName(), change.mail(), change.displayName(), null,
                Scopes.forPeople(tenant.tenantId(), tenant.policy()), change.correlationId(), change.occurredAt());
    }

    /** Records that a mailbox should be in scope; shared with room enrollment. Returns whether anything changed. */
    boolean request(Tenant tenant, String userId, MailboxType type, String upn, String mail, String displayName,
                    String roomListAddress, io.calbridge.provisioning.enrollment.domain.ScopeTarget scope, String correlationId,
                    Instant requestedAt) {
        Instant now = clock.instant();
        Instant since = requestedAt != null ? requestedAt : now;
        Optional<Enrollment> existing = enrollments.find(tenant.tenantId(), userId);
        Enrollment next;
        if (existing.isPresent()) {
            next = existing.get().requestedAgain(upn, mail, displayName, roomListAddress, scope, correlationId, since, now);
            if (next == existing.get()) {
                log.debug("{} {} of tenant {} is already {}", type, userId, tenant.tenantId(), next.state());
                return false;
            }
            next = next.tracedBy(currentTraceparent());
            if (!enrollments.update(next)) {
                throw new ConcurrentChange(tenant.tenantId(), userId);
            }
        } else {
            next = Enrollment.requested(tenant.tenantId(), userId, type, upn, mail, displayName, roomListAddress, scope, correlationId, since, now)
                    .tracedBy(currentTraceparent());
            if (!enrollments.insert(next)) {
                throw new ConcurrentChange(tenant.tenantId(), userId);
            }
        }
        log.info("Enrollment of {} {} in tenant {} is {} ({})", type, userId, tenant.tenantId(), next.state(), scope.strategy());
        if (next.state() == EnrollmentState.AWAITING_ADMIN) {
            publications.failed(next, FailureReason.MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL,
                    "Graph cannot change the membership of mail-enabled security group " + scope.exchangeIdentity()
                            + "; an Exchange admin must add the mailbox and confirm", next.adminScript());
        }
        return true;
    }

    /** A person left: take their mailbox out of the scope. Unknown people are ignored. */
    @Transactional
    public void offboarded(String tenantId, String userId, String correlationId) {
        requireTenant(tenantId);
        Optional<Enrollment> existing = enrollments.find(tenantId, userId);
        if (existing.isEmpty()) {
            log.debug("User {} of tenant {} left but was never enrolled", userId, tenantId);
            return;
        }
        Instant now = clock.instant();
        Enrollment next = existing.get().removalRequested(correlationId, now);
        if (next == existing.get()) {
            return;
        }
        next = next.tracedBy(currentTraceparent());
        if (next.state() == EnrollmentState.REMOVED && next.operation() == Operation.REMOVE) {
            publications.unenrolled(next, next.connected());
            next = next.disconnected();
        }
        if (!enrollments.update(next)) {
            throw new ConcurrentChange(tenantId, userId);
        }
        log.info("Enrollment of {} in tenant {} is {} (leaver)", userId, tenantId, next.state());
    }

    /** The trace this change is recorded in (the directory event's), for the worker to continue; null outside one. */
    private static String currentTraceparent() {
        return TraceContext.current().map(TraceContext::traceparent).orElse(null);
    }

    private Tenant requireTenant(String tenantId) {
        return tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
    }
}
