package io.calbridge.roombooking.booking.adapter.out.metrics;

import io.calbridge.roombooking.booking.application.BookingMetrics;
import io.calbridge.roombooking.room.application.Rooms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code calbridge.bookings} (tags {@code tenant}, {@code outcome}) and {@code calbridge.booking.conflicts} (tag
 * {@code tenant}) on the service's meter registry ({@code /actuator/prometheus}: {@code calbridge_bookings_total},
 * {@code calbridge_booking_conflicts_total}). Every outcome of a tenant is registered at zero as soon as the tenant
 * is known at start-up or first counted, so that rates and alerts have a series before the first booking. A count
 * made inside a transaction is added only once that transaction commits, so a rolled-back change counts nothing.
 */
@Component
public class MicrometerBookingMetrics implements BookingMetrics {

    static final String BOOKINGS = "calbridge.bookings";
    static final String CONFLICTS = "calbridge.booking.conflicts";

    private static final Logger log = LoggerFactory.getLogger(MicrometerBookingMetrics.class);

    private final MeterRegistry registry;
    private final Rooms rooms;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public MicrometerBookingMetrics(MeterRegistry registry, Rooms rooms) {
        this.registry = registry;
        this.rooms = rooms;
    }

    /** Registers the counters of every tenant the catalog knows, before any traffic. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerKnownTenants() {
        try {
            rooms.tenants().forEach(this::register);
        } catch (RuntimeException e) {
            log.warn("Booking counters not pre-registered: {}", e.getMessage());
        }
    }

    /** Registers every counter of a tenant at zero (idempotent). */
    public void register(String tenantId) {
        if (registered.add(tenantId)) {
            for (Outcome outcome : Outcome.values()) {
                bookings(tenantId, outcome);
            }
            conflicts(tenantId);
        }
    }

    @Override
    public void outcome(String tenantId, Outcome outcome) {
        register(tenantId);
        afterCommit(bookings(tenantId, outcome));
    }

    @Override
    public void conflict(String tenantId) {
        register(tenantId);
        afterCommit(conflicts(tenantId));
    }

    private static void afterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    private Counter bookings(String tenantId, Outcome outcome) {
        return Counter.builder(BOOKINGS).description("Booking requests and bookings by how they ended")
                .tag("tenant", tenantId).tag("outcome", outcome.name()).register(registry);
    }

    private Counter conflicts(String tenantId) {
        return Counter.builder(CONFLICTS).description("Booking requests refused because the slot was taken")
                .tag("tenant", tenantId).register(registry);
    }
}
