package io.calbridge.sync.graph;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The client-side per-mailbox budgets of the Graph access layer ({@code sync.graph.*}). The defaults are Outlook's
 * published limits (GRAPH-FACTS §1), the same as {@code GraphSettings.Pacing.defaults()}; a deployment whose tenant
 * has other limits, or a test or benchmark against an emulator configured with lower or time-compressed ones, sets
 * the same numbers here so that our own concurrency never causes a 429.
 *
 * @param mailboxConcurrency requests in flight per app and mailbox
 * @param mailboxRequests    requests per app and mailbox per {@code mailboxWindow}
 * @param mailboxWindow      the window of {@code mailboxRequests}
 * @param windowMargin       added to each window, so requests delayed in transit do not land inside Graph's window
 */
@ConfigurationProperties("sync.graph")
@Validated
public record GraphPacingSettings(
        @Min(1) @DefaultValue("4") int mailboxConcurrency,
        @Min(1) @DefaultValue("10000") int mailboxRequests,
        @NotNull @DefaultValue("PT10M") Duration mailboxWindow,
        @NotNull @DefaultValue("PT2S") Duration windowMargin) {
}
