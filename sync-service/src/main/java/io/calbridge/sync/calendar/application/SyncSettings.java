package io.calbridge.sync.calendar.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Calendar sync's settings ({@code sync.*}).
 *
 * @param window        the rolling calendarView/delta window
 * @param deltaPageSize {@code Prefer: odata.maxpagesize} for delta pages
 * @param sweepInterval how often every connected mailbox gets a delta run even without notifications
 * @param worker        the delta-run worker
 */
@ConfigurationProperties("sync")
@Validated
public record SyncSettings(
        @NotNull @DefaultValue Window window,
        @Min(1) @Max(1000) @DefaultValue("100") int deltaPageSize,
        @NotNull @DefaultValue("PT1H") Duration sweepInterval,
        @NotNull @DefaultValue Worker worker) {

    /**
     * @param back      how far back from today (UTC midnight) the window starts
     * @param ahead     how far ahead of today it ends
     * @param rollAfter how far the window may lag before a run rolls it forward with a re-baseline
     */
    public record Window(@DefaultValue("P30D") Duration back, @DefaultValue("P180D") Duration ahead,
                         @DefaultValue("P1D") Duration rollAfter) {}

    /**
     * @param concurrency  mailboxes synced at once per instance (each on a virtual thread)
     * @param pollInterval how often the worker looks for requests made by other instances
     * @param lease        how long a claimed mailbox stays with this instance before another may take it, unless renewed:
     *                     the worker renews it every third of it while the run goes on, so this bounds how long a
     *                     crashed instance's mailboxes wait, not how long a run may take (at least 1 s; keep it well
     *                     above the clock skew between instances and a database round trip)
     * @param maxBackoff   longest wait before retrying a failed run
     * @param instanceId   this instance's stable name as a lease owner (e.g. a StatefulSet pod's name), which must be
     *                     unique among live instances: on start the instance releases the claims still held under it,
     *                     so its own restart after a kill resumes them at once; empty (the default) means a fresh
     *                     {@code host-random} name per process, whose leftover claims lapse with the lease
     */
    public record Worker(@DefaultValue("64") int concurrency, @DefaultValue("PT0.2S") Duration pollInterval,
                         @DefaultValue("PT30S") Duration lease, @DefaultValue("PT15M") Duration maxBackoff,
                         @DefaultValue("") String instanceId) {}
}
