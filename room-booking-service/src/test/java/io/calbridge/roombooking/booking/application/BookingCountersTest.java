package io.calbridge.roombooking.booking.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.roombooking.booking.adapter.out.metrics.MicrometerBookingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Lives next to the booking fakes it reuses; {@code calbridge.bookings} counts only what was committed. */
class BookingCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerBookingMetrics metrics = new MicrometerBookingMetrics(registry, new Fakes.InMemoryRooms());

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void countsOutsideATransactionAtOnce() {
        metrics.outcome("t", BookingMetrics.Outcome.BOOKED);

        assertThat(booked()).isEqualTo(1.0);
    }

    @Test
    void countsInsideATransactionOnlyOnceItCommits() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.outcome("t", BookingMetrics.Outcome.BOOKED);
        assertThat(booked()).isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(booked()).isEqualTo(1.0);
    }

    @Test
    void aRolledBackTransactionCountsNothing() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.outcome("t", BookingMetrics.Outcome.BOOKED);

        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(booked()).isZero();
    }

    private double booked() {
        return registry.get("calbridge.bookings").tag("tenant", "t").tag("outcome", "BOOKED").counter().count();
    }
}
