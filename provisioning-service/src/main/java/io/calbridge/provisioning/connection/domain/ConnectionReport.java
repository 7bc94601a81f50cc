package io.calbridge.provisioning.connection.domain;

import java.time.Instant;
import java.util.List;

/**
 * The result of "Run test": the worst verdict and every check.
 *
 * @param tenantId the tenant tested
 * @param overall  the worst verdict of the checks
 * @param checks   in the order they ran
 * @param ranAt    when the test ran
 */
public record ConnectionReport(String tenantId, Verdict overall, List<Check> checks, Instant ranAt) {

    public static ConnectionReport of(String tenantId, List<Check> checks, Instant ranAt) {
        Verdict overall = Verdict.PASS;
        for (Check c : checks) {
            overall = overall.worse(c.verdict());
        }
        return new ConnectionReport(tenantId, overall, List.copyOf(checks), ranAt);
    }
}
