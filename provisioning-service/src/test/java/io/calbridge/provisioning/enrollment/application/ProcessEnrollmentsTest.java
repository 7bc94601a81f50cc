package io.calbridge.provisioning.enrollment.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.FailureReason;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

class ProcessEnrollmentsTest {

    static final ScopeTarget AU = new ScopeTarget(Strategy.ADMINISTRATIVE_UNIT, "au-1", "Calbridge");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final InMemoryEnrollments enrollments = new InMemoryEnrollments();
    final FakeScope scope = new FakeScope();
    final FakeProbe probe = new FakeProbe();
    final RecordingPublications published = new RecordingPublications();
    final EnrollmentSettings settings = new EnrollmentSettings(Duration.ofMillis(100), 200, Duration.ofMinutes(5),
            Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10), 3, Duration.ZERO);
    final ProcessEnrollments process = new ProcessEnrollments(enrollments, scope, probe, published, settings, new NoTransactions(), clock);

    void pending(String userId) {
        enrollments.insert(Enrollment.requested("t1", userId, MailboxType.USER, userId + "@contoso.com", userId + "@contoso.com", null,
                null, AU, "ce-" + userId, clock.instant(), clock.instant()));
    }

    @Test
    void pendingPeopleAreAddedInOneBatchVerifiedAndPublishedOnce() {
        for (int i = 0; i < 45; i++) {
            pending("u" + i);
        }

        process.runOnce();
        process.runOnce();

        assertThat(scope.calls).isEqualTo(1);
        assertThat(scope.members).hasSize(45);
        assertThat(published.enrolled).hasSize(45);
        assertThat(enrollments.find("t1", "u7").orElseThrow().state()).isEqualTo(EnrollmentState.CONNECTED);
        process.runOnce();
        assertThat(published.enrolled).hasSize(45);
    }

    /** A worker whose pending adds linger up to {@code linger} for whole batches. */
    ProcessEnrollments lingeringFor(Duration linger) {
        EnrollmentSettings lingering = new EnrollmentSettings(Duration.ofMillis(100), 200, Duration.ofMinutes(5), Duration.ofHours(2),
                Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10), 3, linger);
        return new ProcessEnrollments(enrollments, scope, probe, published, lingering, new NoTransactions(), clock);
    }

    @Test
    void pendingAddsLingerToFillWholeBatches() {
        ProcessEnrollments patient = lingeringFor(Duration.ofSeconds(1));
        for (int i = 0; i < 25; i++) {
            pending("u" + i);
        }

        patient.runScopeWrites();
        assertThat(scope.members).hasSize(20);

        clock.advance(Duration.ofSeconds(2));
        patient.runScopeWrites();
        assertThat(scope.members).hasSize(25);
    }

    @Test
    void whileJoinersKeepArrivingOnlyWholeBatchesGoEvenPastTheLinger() {
        ProcessEnrollments patient = lingeringFor(Duration.ofSeconds(1));
        for (int i = 0; i < 25; i++) {
            pending("u" + i);
        }
        clock.advance(Duration.ofMillis(1500));
        pending("u25"); // the oldest waited past the linger, but a joiner just arrived

        patient.runScopeWrites();
        assertThat(scope.members).hasSize(20);
        assertThat(scope.calls).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2)); // arrivals paused for a linger: the remainder goes
        patient.runScopeWrites();
        assertThat(scope.members).hasSize(26);
        assertThat(scope.calls).isEqualTo(2);
    }

    @Test
    void verificationWaitsForScopePropagationWithBackOff() {
        pending("u1");
        probe.denied.add("u1");

        process.runOnce();
        Enrollment waiting = enrollments.find("t1", "u1").orElseThrow();
        assertThat(waiting.state()).isEqualTo(EnrollmentState.ADDED);
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));

        probe.denied.clear();
        clock.advance(Duration.ofSeconds(31));
        process.runOnce();

        assertThat(enrollments.find("t1", "u1").orElseThrow().state()).isEqualTo(EnrollmentState.CONNECTED);
        assertThat(published.enrolled).containsExactly("u1");
    }

    @Test
    void verificationGivesUpAfterTheTimeout() {
        pending("u1");
        probe.denied.add("u1");
        process.runOnce();

        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(15));
            process.runOnce();
        }

        Enrollment failed = enrollments.find("t1", "u1").orElseThrow();
        assertThat(failed.state()).isEqualTo(EnrollmentState.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.ACCESS_VERIFICATION_FAILED);
        assertThat(published.failed).containsExactly("u1:ACCESS_VERIFICATION_FAILED");
    }

    @Test
    void throttledAddsAreRetriedThenReportedWhenRetriesRunOut() {
        pending("u1");
        scope.throttled = true;

        for (int i = 0; i < 5; i++) {
            process.runOnce();
            clock.advance(Duration.ofMinutes(20));
        }

        assertThat(published.failed).containsExactly("u1:RETRIES_EXHAUSTED");
    }

    @Test
    void aLeaverIsRemovedAndDisconnected() {
        pending("u1");
        process.runOnce();
        Enrollment connected = enrollments.find("t1", "u1").orElseThrow();
        enrollments.update(connected.removalRequested("ce-leave", clock.instant()));

        process.runOnce();

        assertThat(scope.members).doesNotContain("u1");
        assertThat(published.unenrolled).containsExactly("u1:disconnect");
        assertThat(enrollments.find("t1", "u1").orElseThrow().state()).isEqualTo(EnrollmentState.REMOVED);
    }

    // --- fakes ---------------------------------------------------------------------------------------------------

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class InMemoryEnrollments implements Enrollments {
        final Map<String, Enrollment> rows = new ConcurrentHashMap<>();

        private static String key(String t, String u) {
            return t + "/" + u;
        }

        private static Enrollment withRevision(Enrollment e, long revision) {
            return new Enrollment(e.tenantId(), e.userId(), e.type(), e.userPrincipalName(), e.mail(), e.displayName(), e.roomListAddress(),
                    e.state(), e.operation(), e.scope(), e.attempts(), e.nextAttemptAt(), e.verifySince(), e.failureReason(), e.lastError(),
                    e.adminScript(), e.correlationId(), e.requestedAt(), e.connected(), revision, e.updatedAt(), e.traceparent());
        }

        @Override
        public Optional<Enrollment> find(String tenantId, String userId) {
            return Optional.ofNullable(rows.get(key(tenantId, userId)));
        }

        @Override
        public boolean insert(Enrollment e) {
            return rows.putIfAbsent(key(e.tenantId(), e.userId()), withRevision(e, 1)) == null;
        }

        @Override
        public boolean update(Enrollment e) {
            Enrollment current = rows.get(key(e.tenantId(), e.userId()));
            if (current == null || current.revision() != e.revision()) {
                return false;
            }
            rows.put(key(e.tenantId(), e.userId()), withRevision(e, e.revision() + 1));
            return true;
        }

        @Override
        public List<Enrollment> claimDue(EnrollmentState state, Instant now, Duration lease, int limit) {
            List<Enrollment> due = rows.values().stream().filter(e -> e.state() == state && !e.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(Enrollment::nextAttemptAt)).limit(limit).toList();
            List<Enrollment> claimed = new ArrayList<>();
            for (Enrollment e : due) {
                Enrollment leased = new Enrollment(e.tenantId(), e.userId(), e.type(), e.userPrincipalName(), e.mail(), e.displayName(),
                        e.roomListAddress(), e.state(), e.operation(), e.scope(), e.attempts(), now.plus(lease), e.verifySince(),
                        e.failureReason(), e.lastError(), e.adminScript(), e.correlationId(), e.requestedAt(), e.connected(), e.revision() + 1,
                        e.updatedAt(), e.traceparent());
                rows.put(key(e.tenantId(), e.userId()), leased);
                claimed.add(leased);
            }
            return claimed;
        }

        @Override
        public Due due(EnrollmentState state, Instant now) {
            List<Enrollment> due = rows.values().stream().filter(e -> e.state() == state && !e.nextAttemptAt().isAfter(now)).toList();
            return new Due(due.size(), due.stream().map(Enrollment::nextAttemptAt).min(Comparator.naturalOrder()).orElse(null),
                    due.stream().map(Enrollment::nextAttemptAt).max(Comparator.naturalOrder()).orElse(null));
        }

        @Override
        public List<Enrollment> list(String tenantId, EnrollmentState state, int limit) {
            return rows.values().stream().filter(e -> state == null || e.state() == state).limit(limit).toList();
        }

        @Override
        public Map<EnrollmentState, Long> countByState(String tenantId) {
            return new EnumMap<>(EnrollmentState.class);
        }
    }

    static final class FakeScope implements ScopeMembers {
        final Set<String> members = ConcurrentHashMap.newKeySet();
        int calls;
        boolean throttled;

        @Override
        public Map<String, MembershipOutcome> add(String tenantId, ScopeTarget scope, List<String> userIds) {
            calls++;
            Map<String, MembershipOutcome> out = new LinkedHashMap<>();
            for (String id : userIds) {
                if (throttled) {
                    out.put(id, new MembershipOutcome.Retry("429 TooManyRequests", null));
                } else {
                    members.add(id);
                    out.put(id, new MembershipOutcome.Done());
                }
            }
            return out;
        }

        @Override
        public Set<String> members(String tenantId, ScopeTarget scope) {
            return Set.copyOf(members);
        }

        @Override
        public Map<String, MembershipOutcome> remove(String tenantId, ScopeTarget scope, List<String> userIds) {
            Map<String, MembershipOutcome> out = new HashMap<>();
            userIds.forEach(id -> {
                members.remove(id);
                out.put(id, new MembershipOutcome.Done());
            });
            return out;
        }
    }

    static final class FakeProbe implements MailboxProbe {
        final Set<String> denied = ConcurrentHashMap.newKeySet();

        @Override
        public Map<String, ProbeOutcome> read(String tenantId, List<String> mailboxes) {
            Map<String, ProbeOutcome> out = new HashMap<>();
            mailboxes.forEach(m -> out.put(m, denied.contains(m) ? new ProbeOutcome.Denied("403") : new ProbeOutcome.Readable()));
            return out;
        }

        @Override
        public Optional<String> mailOf(String tenantId, String userId) {
            return Optional.of(userId + "@contoso.com");
        }
    }

    static final class RecordingPublications implements EnrollmentPublications {
        final List<String> enrolled = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final List<String> unenrolled = new ArrayList<>();

        @Override
        public void enrolled(Enrollment e) {
            enrolled.add(e.userId());
        }

        @Override
        public void failed(Enrollment e, FailureReason reason, String detail, String remediation) {
            failed.add(e.userId() + ":" + reason);
        }

        @Override
        public void unenrolled(Enrollment e, boolean disconnect) {
            unenrolled.add(e.userId() + (disconnect ? ":disconnect" : ""));
        }

        @Override
        public void unenrolledWithTenant(Enrollment e, boolean disconnect) {
            unenrolled.add(e.userId() + (disconnect ? ":disconnect" : "") + ":tenant-removed");
        }
    }

    static final class NoTransactions implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
