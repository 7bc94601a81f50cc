package io.calbridge.provisioning.enrollment.application;

import io.calbridge.messaging.TraceContext;
import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pass of the enrollment worker: adds pending mailboxes to their scope in batches, verifies added ones with a
 * real calendar read (retrying with back-off while the scope propagates), and removes leavers. Each enrollment's
 * new state and its events are written in one transaction; a crash mid-pass leaves the taken enrollments due again
 * once their lease runs out. Each enrollment's step runs in the trace stored with it (the directory event's), so
 * {@code MailboxEnrolled}, {@code AccountConnected} and the rest continue the trace of the change that asked for them.
 */
@Service
public class ProcessEnrollments {

    private static final Logger log = LoggerFactory.getLogger(ProcessEnrollments.class);
    private static final int VERIFY_CONCURRENCY = 32;
    /** While joiners keep arriving, a partial {@code $batch} waits at most this many lingers. */
    private static final int LINGER_CAP = 10;

    private final Enrollments enrollments;
    private final ScopeMembers scopeMembers;
    private final MailboxProbe probe;
    private final EnrollmentPublications publications;
    private final EnrollmentSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ProcessEnrollments(Enrollments enrollments, ScopeMembers scopeMembers, MailboxProbe probe,
                              EnrollmentPublications publications, EnrollmentSettings settings,
                              PlatformTransactionManager transactionManager, Clock clock) {
        this.enrollments = enrollments;
        this.scopeMembers = scopeMembers;
        this.probe = probe;
        this.publications = publications;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Runs every step once; returns how many enrollments it acted on. */
    public int runOnce() {
        return runScopeWrites() + runVerifications();
    }

    /** One pass of the directory writes (adds and removals); returns how many enrollments it acted on. */
    public int runScopeWrites() {
        return addPending() + removeLeavers();
    }

    /** One pass of verifying reads; returns how many enrollments it acted on. */
    public int runVerifications() {
        return verifyAdded();
    }

    int addPending() {
        Instant now = clock.instant();
        Enrollments.Due pending = enrollments.due(EnrollmentState.PENDING, now);
        if (pending.count() == 0) {
            return 0;
        }
        int limit = settings.batchSize();
        boolean lingering = pending.oldest().plus(settings.linger()).isAfter(now);
        // Joiners still arriving (one within the linger) keep the remainder back too, up to LINGER_CAP lingers.
        boolean arriving = pending.newest().plus(settings.linger()).isAfter(now)
                && pending.oldest().plus(settings.linger().multipliedBy(LINGER_CAP)).isAfter(now);
        if (lingering || arriving) {
            // Wait until whole $batches of 20 can go: a partial one costs a round trip of its own.
            int whole = pending.count() - pending.count() % EnrollmentSettings.BATCH_REQUESTS;
            if (whole == 0) {
                return 0;
            }
            limit = Math.min(limit, whole);
        }
        List<Enrollment> due = enrollments.claimDue(EnrollmentState.PENDING, now, settings.lease(), limit);
        for (var group : byScope(due).entrySet()) {
            Map<String, MembershipOutcome> outcomes = scopeMembers.add(group.getKey().tenantId(), group.getKey().scope(),
                    group.getValue().stream().map(Enrollment::userId).toList());
            // One commit for the whole group: per-row commits would eat into the directory write budget's time.
            transactions.executeWithoutResult(tx -> {
                for (Enrollment e : group.getValue()) {
                    MembershipOutcome outcome = outcomes.getOrDefault(e.userId(), new MembershipOutcome.Retry("no answer for this member", null));
                    try (var trace = traced(e)) {
                        switch (outcome) {
                            case MembershipOutcome.Done d -> save(e.addedToScope(clock.instant()));
                            case MembershipOutcome.Failed f -> fail(e, f.reason(), f.detail());
                            case MembershipOutcome.Retry r -> retry(e, r.detail(), r.after());
                        }
                    }
                }
            });
        }
        return due.size();
    }

    int verifyAdded() {
        List<Enrollment> due = enrollments.claimDue(EnrollmentState.ADDED, clock.instant(), settings.lease(), settings.batchSize());
        Map<String, List<Enrollment>> byTenant = due.stream().collect(Collectors.groupingBy(Enrollment::tenantId, LinkedHashMap::new, Collectors.toList()));
        for (var tenant : byTenant.entrySet()) {
            // At most half the tenant's Graph bulkhead at a time, so that scope writes never queue behind reads.
            Map<String, ProbeOutcome> outcomes = new java.util.HashMap<>();
            List<String> ids = tenant.getValue().stream().map(Enrollment::userId).toList();
            for (int i = 0; i < ids.size(); i += VERIFY_CONCURRENCY) {
                outcomes.putAll(probe.read(tenant.getKey(), ids.subList(i, Math.min(ids.size(), i + VERIFY_CONCURRENCY))));
            }
            for (Enrollment e : tenant.getValue()) {
                ProbeOutcome outcome = outcomes.getOrDefault(e.userId(), new ProbeOutcome.Unavailable("no answer"));
                try (var trace = traced(e)) {
                    switch (outcome) {
                        case ProbeOutcome.Readable r -> connect(e);
                        case ProbeOutcome.Denied d -> awaitPropagation(e, d.detail());
                        case ProbeOutcome.NoMailbox n -> fail(e, FailureReason.NO_MAILBOX, n.detail());
                        case ProbeOutcome.CredentialRejected c -> fail(e, FailureReason.CREDENTIAL_INVALID, c.detail());
                        case ProbeOutcome.Unavailable u -> retry(e, u.detail(), null);
                    }
                }
            }
        }
        return due.size();
    }

    int removeLeavers() {
        List<Enrollment> due = enrollments.claimDue(EnrollmentState.REMOVING, clock.instant(), settings.lease(), settings.batchSize());
        for (var group : byScope(due).entrySet()) {
            Map<String, MembershipOutcome> outcomes = scopeMembers.remove(group.getKey().tenantId(), group.getKey().scope(),
                    group.getValue().stream().map(Enrollment::userId).toList());
            for (Enrollment e : group.getValue()) {
                MembershipOutcome outcome = outcomes.getOrDefault(e.userId(), new MembershipOutcome.Retry("no answer for this member", null));
                try (var trace = traced(e)) {
                    switch (outcome) {
                        case MembershipOutcome.Done d -> {
                            Enrollment removed = e.removedFromScope(clock.instant());
                            transactions.executeWithoutResult(tx -> {
                                if (enrollments.update(removed.disconnected())) {
                                    publications.unenrolled(removed, removed.connected());
                                }
                            });
                        }
                        case MembershipOutcome.Failed f -> {
                            // Removal failures are not enrollment failures: keep trying slowly and show the error.
                            save(e.retryAfter(settings.verifyMaxBackoff(), f.reason() + ": " + f.detail(), clock.instant()));
                        }
                        case MembershipOutcome.Retry r -> retry(e, r.detail(), r.after());
                    }
                }
            }
        }
        return due.size();
    }

    private void connect(Enrollment e) {
        String mail = e.mail();
        if (mail == null) {
            Optional<String> found = probe.mailOf(e.tenantId(), e.userId());
            if (found.isEmpty()) {
                fail(e, FailureReason.NO_MAILBOX, "the user has no mail address in the directory");
                return;
            }
            mail = found.get();
        }
        boolean alreadyConnected = e.connected(); // re-added by reconciliation: consumers already know
        Enrollment connected = e.verified(mail, clock.instant());
        transactions.executeWithoutResult(tx -> {
            if (enrollments.update(connected) && !alreadyConnected) {
                publications.enrolled(connected);
            }
        });
        log.info("{} {} of tenant {} is enrolled and verified", e.type(), e.userId(), e.tenantId());
    }

    private void awaitPropagation(Enrollment e, String detail) {
        Instant now = clock.instant();
        if (e.verifyingFor(now).compareTo(settings.verifyTimeout()) >= 0) {
            fail(e, FailureReason.ACCESS_VERIFICATION_FAILED, "still denied after " + settings.verifyTimeout() + ": " + detail);
            return;
        }
        Duration wait = EnrollmentSettings.backoff(settings.verifyInitialBackoff(), settings.verifyMaxBackoff(), e.attempts());
        save(e.retryAfter(wait, "waiting for scope propagation: " + detail, now));
    }

    private void retry(Enrollment e, String detail, Duration after) {
        if (e.attempts() + 1 >= settings.maxAttempts()) {
            fail(e, FailureReason.RETRIES_EXHAUSTED, detail);
            return;
        }
        Duration wait = after != null ? after : EnrollmentSettings.backoff(settings.retryBackoff(), settings.verifyMaxBackoff(), e.attempts());
        save(e.retryAfter(wait, detail, clock.instant()));
    }

    private void fail(Enrollment e, FailureReason reason, String detail) {
        Enrollment failed = e.failed(reason, detail, clock.instant());
        transactions.executeWithoutResult(tx -> {
            if (enrollments.update(failed)) {
                publications.failed(failed, reason, detail, null);
            }
        });
        log.warn("Enrollment of {} {} in tenant {} failed: {} {}", e.type(), e.userId(), e.tenantId(), reason, detail);
    }

    private void save(Enrollment e) {
        if (!enrollments.update(e)) {
            log.debug("Enrollment of {} in tenant {} changed meanwhile; it will be seen again", e.userId(), e.tenantId());
        }
    }

    /**
     * Makes the trace that asked for this enrollment's operation current (a child of it), or a new one when none was
     * stored, so the step's log lines and the events it publishes belong to that trace.
     */
    private static TraceContext.Scope traced(Enrollment e) {
        return TraceContext.continueOrStart(e.traceparent());
    }

    private record Group(String tenantId, ScopeTarget scope) {}

    private static Map<Group, List<Enrollment>> byScope(List<Enrollment> due) {
        return due.stream().collect(Collectors.groupingBy(e -> new Group(e.tenantId(), e.scope()), LinkedHashMap::new, Collectors.toList()));
    }
}
