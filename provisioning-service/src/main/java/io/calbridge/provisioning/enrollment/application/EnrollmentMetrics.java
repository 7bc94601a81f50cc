package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.tenant.application.TenantPolicyChanged;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Enrollment metrics (issue 8):
 * <ul>
 *   <li>{@code calbridge.enrollment.state{tenant,state}}: mailboxes per tenant and enrollment state, every state of
 *       every registered tenant (zeros included), refreshed from the database every
 *       {@code calbridge.provisioning.enrollment-gauges-interval} (default 30 s), at start and when a tenant is
 *       registered or its policy changes;</li>
 *   <li>{@code calbridge.enrollment.lag{tenant,kind}}: from the {@code UserOnboarded} event's time (a room's
 *       discovery) to {@code AccountConnected} being written to the outbox, recorded when that transaction commits;
 *       {@code kind} is {@code PERSON} or {@code ROOM}. Registered for every registered tenant at the refresh, so it is
 *       scraped (with count 0) before the first enrollment.</li>
 * </ul>
 */
@Component
public class EnrollmentMetrics {

    static final String STATE = "calbridge.enrollment.state";
    static final String LAG = "calbridge.enrollment.lag";

    private final Tenants tenants;
    private final Enrollments enrollments;
    private final MeterRegistry registry;
    private final MultiGauge states;

    public EnrollmentMetrics(Tenants tenants, Enrollments enrollments, MeterRegistry registry) {
        this.tenants = tenants;
        this.enrollments = enrollments;
        this.registry = registry;
        this.states = MultiGauge.builder(STATE).description("Mailboxes per tenant and enrollment state").register(registry);
    }

    /** Reads the counts per tenant and state again; tenants that were removed drop out. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${calbridge.provisioning.enrollment-gauges-interval:30s}",
            initialDelayString = "${calbridge.provisioning.enrollment-gauges-interval:30s}")
    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            Map<EnrollmentState, Long> counts = enrollments.countByState(tenant.tenantId());
            for (EnrollmentState state : EnrollmentState.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId(), "state", state.name()), counts.getOrDefault(state, 0L)));
            }
            for (MailboxType type : MailboxType.values()) {
                lag(tenant.tenantId(), type);
            }
        }
        states.register(rows, true);
    }

    /** A tenant registered or changed its policy: its series appear now rather than at the next refresh. */
    @TransactionalEventListener
    public void on(TenantPolicyChanged changed) {
        refresh();
    }

    /**
     * {@code AccountConnected} for {@code e} is being written to the outbox at {@code now}: records the lag since the
     * enrollment was asked for once the transaction commits (at once outside a transaction).
     */
    public void connected(Enrollment e, Instant now) {
        if (e.requestedAt() == null) {
            return; // recorded before the request time was kept
        }
        Duration lag = Duration.between(e.requestedAt(), now);
        Timer timer = lag(e.tenantId(), e.type());
        Duration recorded = lag.isNegative() ? Duration.ZERO : lag;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    timer.record(recorded);
                }
            });
        } else {
            timer.record(recorded);
        }
    }

    private Timer lag(String tenantId, MailboxType type) {
        return Timer.builder(LAG)
                .description("From the onboarding event (or a room's discovery) to AccountConnected in the outbox")
                .tags("tenant", tenantId, "kind", type == MailboxType.ROOM ? "ROOM" : "PERSON")
                .publishPercentileHistogram()
                .register(registry);
    }
}
