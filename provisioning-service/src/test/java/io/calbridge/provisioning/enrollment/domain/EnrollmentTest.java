package io.calbridge.provisioning.enrollment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnrollmentTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final ScopeTarget AU = new ScopeTarget(Strategy.ADMINISTRATIVE_UNIT, "au-1", "Calbridge");
    static final ScopeTarget MEG = new ScopeTarget(Strategy.MAIL_ENABLED_GROUP, "g-1", "Calbridge sync");

    static Enrollment requested(ScopeTarget scope) {
        return Enrollment.requested("t1", "u-1", MailboxType.USER, "ada@contoso.com", null, "Ada", null, scope, "ce-1", NOW, NOW);
    }

    @Test
    void graphWritableScopesStartPendingAndTenantWideStartsAdded() {
        assertThat(requested(AU).state()).isEqualTo(EnrollmentState.PENDING);
        assertThat(requested(new ScopeTarget(Strategy.TENANT_WIDE, null, null)).state()).isEqualTo(EnrollmentState.ADDED);
    }

    @Test
    void aMailEnabledGroupNeedsAnAdminWithTheExactPowerShell() {
        Enrollment e = requested(MEG);

        assertThat(e.state()).isEqualTo(EnrollmentState.AWAITING_ADMIN);
        assertThat(e.adminScript()).isEqualTo(
                "Add-DistributionGroupMember -Identity 'Calbridge sync' -Member 'ada@contoso.com' -BypassSecurityGroupManagerCheck");
        assertThat(e.confirmedByAdmin(NOW).state()).isEqualTo(EnrollmentState.ADDED);
    }

    @Test
    void theStoredTraceFollowsEveryStepOfTheOperation() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Enrollment traced = requested(AU).tracedBy(traceparent);

        Enrollment connected = traced.retryAfter(java.time.Duration.ofSeconds(1), "busy", NOW).addedToScope(NOW)
                .verified("ada@contoso.com", NOW);

        assertThat(requested(AU).traceparent()).isNull();
        assertThat(connected.traceparent()).isEqualTo(traceparent);
        assertThat(connected.removalRequested("ce-2", NOW).traceparent()).isEqualTo(traceparent);
        assertThat(connected.failed(FailureReason.NO_MAILBOX, "gone", NOW).traceparent()).isEqualTo(traceparent);
    }

    @Test
    void aDuplicateRequestChangesNothingWhileActive() {
        Enrollment connected = requested(AU).addedToScope(NOW).verified("ada@contoso.com", NOW);

        assertThat(connected.requestedAgain(null, null, null, null, AU, "ce-2", NOW, NOW)).isSameAs(connected);
        assertThat(connected.connected()).isTrue();
    }

    @Test
    void aFailedOrRemovedEnrollmentStartsOverWhenRequestedAgain() {
        Enrollment failed = requested(AU).failed(FailureReason.RETRIES_EXHAUSTED, "boom", NOW);

        Enrollment again = failed.requestedAgain(null, null, null, null, AU, "ce-2", NOW, NOW);

        assertThat(again.state()).isEqualTo(EnrollmentState.PENDING);
        assertThat(again.failureReason()).isNull();
        assertThat(again.correlationId()).isEqualTo("ce-2");
    }

    @Test
    void leaversAreRemovedFromTheScopeTheyWerePutIn() {
        Enrollment connected = requested(AU).addedToScope(NOW).verified("ada@contoso.com", NOW);

        Enrollment leaving = connected.removalRequested("ce-3", NOW);

        assertThat(leaving.state()).isEqualTo(EnrollmentState.REMOVING);
        assertThat(leaving.scope()).isEqualTo(AU);
        assertThat(leaving.removedFromScope(NOW).state()).isEqualTo(EnrollmentState.REMOVED);
        assertThat(leaving.removalRequested("ce-4", NOW)).isSameAs(leaving);
    }

    @Test
    void leaversOfAMailEnabledGroupNeedTheRemovalScript() {
        Enrollment leaving = requested(MEG).confirmedByAdmin(NOW).verified("ada@contoso.com", NOW).removalRequested("ce-3", NOW);

        assertThat(leaving.state()).isEqualTo(EnrollmentState.AWAITING_ADMIN);
        assertThat(leaving.adminScript()).startsWith("Remove-DistributionGroupMember -Identity 'Calbridge sync' -Member 'ada@contoso.com'");
        assertThat(leaving.confirmedByAdmin(NOW).state()).isEqualTo(EnrollmentState.REMOVED);
    }

    @Test
    void aScopedStrategyNeedsAScopeObject() {
        assertThatThrownBy(() -> new ScopeTarget(Strategy.SECURITY_GROUP, null, null)).isInstanceOf(io.calbridge.provisioning.tenant.domain.InvalidPolicy.class);
    }

    @Test
    void powerShellLiteralsEscapeQuotes() {
        assertThat(ExchangeCommands.quote("O'Brien")).isEqualTo("'O''Brien'");
    }
}
