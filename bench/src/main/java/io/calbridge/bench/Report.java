package io.calbridge.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario run.
 *
 * @param scenario    the scenario's name
 * @param startedAt   when the run started (UTC)
 * @param durationSec wall-clock length of the run, seconds
 * @param environment where it ran: cores, JVM, OS, and scenario parameters
 * @param figures     the measurements, each with its reference
 * @param notes       how to read the figures: what the references are and why they were chosen
 */
public record Report(String scenario, Instant startedAt, double durationSec, Map<String, String> environment,
                     List<Figure> figures, List<String> notes) {

    /** Whether every figure meets its reference. */
    public boolean allMet() {
        return figures.stream().allMatch(Figure::meetsReference);
    }
}
