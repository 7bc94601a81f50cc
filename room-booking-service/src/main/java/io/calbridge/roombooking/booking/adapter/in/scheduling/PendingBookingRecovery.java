package io.calbridge.roombooking.booking.adapter.in.scheduling;

import io.calbridge.roombooking.booking.application.RecoverPendingBookings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RecoverPendingBookings} on a schedule ({@code roombooking.recovery.interval}) for bookings PENDING longer
 * than {@code roombooking.recovery.pending-after}. Safe on every instance: bookings are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and settled only while still PENDING.
 */
@Component
public class PendingBookingRecovery {

    private static final Logger log = LoggerFactory.getLogger(PendingBookingRecovery.class);

    private final RecoverPendingBookings recovery;

    public PendingBookingRecovery(RecoverPendingBookings recovery) {
        this.recovery = recovery;
    }

    @Scheduled(fixedDelayString = "${roombooking.recovery.interval:PT30S}",
            initialDelayString = "${roombooking.recovery.interval:PT30S}")
    public void recoverPending() {
        try {
            RecoverPendingBookings.Recovered done = recovery.recoverStale();
            if (done.confirmed() + done.released() > 0) {
                log.info("Recovered pending bookings: {} confirmed, {} released", done.confirmed(), done.released());
            }
        } catch (RuntimeException e) {
            log.warn("Recovering pending bookings failed: {}", e.getMessage());
        }
    }
}
