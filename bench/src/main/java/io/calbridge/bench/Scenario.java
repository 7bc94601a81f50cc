package io.calbridge.bench;

/**
 * One benchmark, run by name from the command line ({@code bench/run <name>}). A scenario measures its figures
 * and, in the same run, the limit or baseline each is compared against, so a result never depends on numbers
 * taken on another machine or day.
 */
public interface Scenario {

    /** The command-line name, kebab-case, e.g. {@code outbox-relay}. */
    String name();

    /** One sentence: what is measured, against what. */
    String description();

    /**
     * Runs the scenario.
     *
     * @param scale multiplier of the default workload; 1 for a real run, small (e.g. 0.01) for a smoke test
     */
    Report run(double scale) throws Exception;
}
