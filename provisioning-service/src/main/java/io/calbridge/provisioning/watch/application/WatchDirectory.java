package io.calbridge.provisioning.watch.application;

import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Person;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For tenants whose policy turns it on, reads Graph {@code /users/delta} every
 * {@code calbridge.provisioning.directory-watch-interval} (default 5 min) and publishes {@code UserOnboarded} for
 * enabled people the policy includes and {@code UserOffboarded} for disabled or deleted ones. Enrollment is
 * idempotent per person, so seeing someone again does nothing. The first run lists everyone.
 */
@Service
public class WatchDirectory {

    private static final Logger log = LoggerFactory.getLogger(WatchDirectory.class);

    private final Tenants tenants;
    private final DirectoryDelta delta;
    private final WatchState state;
    private final WatchPublications publications;
    private final TransactionTemplate transactions;

    public WatchDirectory(Tenants tenants, DirectoryDelta delta, WatchState state, WatchPublications publications,
                          PlatformTransactionManager transactionManager) {
        this.tenants = tenants;
        this.delta = delta;
        this.state = state;
        this.publications = publications;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** What one run found. */
    public record Report(String tenantId, int changes, int onboarded, int offboarded) {}

    @Scheduled(fixedDelayString = "${calbridge.provisioning.directory-watch-interval:5m}", initialDelayString = "30s")
    public void watchAll() {
        for (Tenant tenant : tenants.active()) {
            if (!tenant.policy().directoryWatch()) {
                continue;
            }
            try {
                Report report = watch(tenant.tenantId());
                if (report.changes() > 0) {
                    log.info("Directory watch of tenant {}: {}", tenant.tenantId(), report);
                }
            } catch (RuntimeException e) {
                log.warn("Directory watch of tenant {} failed: {}", tenant.tenantId(), e.toString());
            }
        }
    }

    public Report watch(String tenantId) {
        Tenant tenant = tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
        DirectoryDelta.Page page = delta.changesSince(tenantId, state.deltaLink(tenantId).orElse(null));
        int[] counts = new int[2];
        transactions.executeWithoutResult(tx -> {
            for (DirectoryDelta.UserChange user : page.changes()) {
                if (user.deleted() || !user.enabled()) {
                    publications.offboarded(tenantId, user);
                    counts[1]++;
                } else if (user.userPrincipalName() != null && tenant.policy().includes(new Person(user.userId(),
                        user.userPrincipalName(), user.mail(), user.displayName(), user.department()))) {
                    publications.onboarded(tenantId, user);
                    counts[0]++;
                }
            }
            state.saveDeltaLink(tenantId, page.deltaLink());
        });
        return new Report(tenantId, page.changes().size(), counts[0], counts[1]);
    }
}
