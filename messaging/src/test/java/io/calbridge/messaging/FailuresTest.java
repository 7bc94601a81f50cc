package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailuresTest {

    @Test
    void databaseOutagesAndTransientFailuresAreRetried() {
        assertThat(Failures.isTransient(new TransientFailure("down"))).isTrue();
        assertThat(Failures.isTransient(new DataAccessResourceFailureException("connection refused"))).isTrue();
        assertThat(Failures.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Failures.isTransient(new IllegalStateException("wrapped", new SQLTransientConnectionException("timeout")))).isTrue();
    }

    @Test
    void permanentFailuresBugsAndConstraintViolationsAreNotRetried() {
        assertThat(Failures.isTransient(new PermanentFailure("MALFORMED_JSON", "bad"))).isFalse();
        assertThat(Failures.isTransient(new UnknownTenant("t9"))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
    }

    @Test
    void permanentFailureWrappingATransientCauseIsPermanent() {
        var failure = new PermanentFailure("REJECTED", "gave up", new TransientFailure("down"));

        assertThat(Failures.isTransient(failure)).isFalse();
    }

    @Test
    void reasonComesFromThePermanentFailureInsideTheContainersWrappers() {
        var wrapped = new ListenerExecutionFailedException("listener failed", new UnknownTenant("t9"));

        assertThat(Failures.reasonOf(wrapped)).isEqualTo(DeadLetterHeaders.UNKNOWN_TENANT);
        assertThat(Failures.unwrap(wrapped)).isInstanceOf(UnknownTenant.class);
    }

    @Test
    void transientFailureThatOutlivedItsRetriesIsReportedAsRetriesExhausted() {
        var wrapped = new ListenerExecutionFailedException("listener failed",
                new Failures.KernelRetry(new TransientFailure("still down")));

        assertThat(Failures.reasonOf(wrapped)).isEqualTo(DeadLetterHeaders.RETRIES_EXHAUSTED);
        assertThat(Failures.unwrap(wrapped)).isInstanceOf(TransientFailure.class);
    }

    @Test
    void unclassifiedExceptionIsAHandlerError() {
        assertThat(Failures.reasonOf(new IllegalArgumentException("bug"))).isEqualTo(DeadLetterHeaders.HANDLER_ERROR);
    }

    @Test
    void deadLetterTopicIsTopicThenGroupThenDlq() {
        assertThat(DeadLetterHeaders.topicFor("provisioning.accounts", "sync-service"))
                .isEqualTo("provisioning.accounts.sync-service.dlq");
    }
}
