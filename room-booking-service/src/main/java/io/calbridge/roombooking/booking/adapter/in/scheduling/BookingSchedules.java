package io.calbridge.roombooking.booking.adapter.in.scheduling;

import io.calbridge.roombooking.booking.application.FollowInvites;
import io.calbridge.roombooking.booking.application.ReleaseNoShows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Releases no-shows and settles INVITE bookings on a schedule. Safe on every instance (transitions are conditional). */
@Component
public class BookingSchedules {

    private static final Logger log = LoggerFactory.getLogger(BookingSchedules.class);

    private final ReleaseNoShows noShows;
    private final FollowInvites invites;

    public BookingSchedules(ReleaseNoShows noShows, FollowInvites invites) {
        this.noShows = noShows;
        this.invites = invites;
    }

    @Scheduled(fixedDelayString = "${roombooking.check-in.sweep-interval:PT30S}")
    public void releaseNoShows() {
        try {
            noShows.releaseDue();
        } catch (RuntimeException e) {
            log.warn("No-show release failed: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${roombooking.invite.poll-interval:PT30S}")
    public void pollInvites() {
        try {
            invites.pollAnswers();
        } catch (RuntimeException e) {
            log.warn("Polling room answers failed: {}", e.getMessage());
        }
    }
}
