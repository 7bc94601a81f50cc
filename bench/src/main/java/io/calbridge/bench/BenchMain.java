package io.calbridge.bench;

import io.calbridge.bench.booking.BookingScenario;
import io.calbridge.bench.emulator.EmulatorScaleScenario;
import io.calbridge.bench.enrollment.EnrollmentThroughputScenario;
import io.calbridge.bench.outbox.OutboxRelayScenario;
import io.calbridge.bench.pacing.GraphPacingScenario;
import io.calbridge.bench.sync.SyncStormScenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario by name: {@code BenchMain <scenario> [--scale=<factor>] [--results=<dir>]}, or {@code list}.
 * Prints the figure table and writes {@code <scenario>.json} and {@code <scenario>.md} to the results directory
 * (default {@code bench/results}). Exit code 0 when every figure meets its reference, 2 when one misses, 1 on error.
 */
public final class BenchMain {

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        register(new OutboxRelayScenario());
        register(new EmulatorScaleScenario());
        register(new GraphPacingScenario());
        register(new EnrollmentThroughputScenario());
        register(new SyncStormScenario());
        register(new BookingScenario());
    }

    private BenchMain() {
    }

    private static void register(Scenario scenario) {
        SCENARIOS.put(scenario.name(), scenario);
    }

    /** The registered scenarios, by name. */
    public static Map<String, Scenario> scenarios() {
        return Map.copyOf(SCENARIOS);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || "list".equals(args[0]) || !SCENARIOS.containsKey(args[0])) {
            System.out.println("usage: bench/run <scenario> [--scale=<factor>] [--results=<dir>]");
            SCENARIOS.values().forEach(s -> System.out.printf("  %-16s %s%n", s.name(), s.description()));
            System.exit(args.length == 0 || "list".equals(args[0]) ? 0 : 1);
        }
        Scenario scenario = SCENARIOS.get(args[0]);
        double scale = 1.0;
        Path results = Path.of("bench", "results");
        for (String arg : List.of(args).subList(1, args.length)) {
            if (arg.startsWith("--scale=")) {
                scale = Double.parseDouble(arg.substring("--scale=".length()));
            } else if (arg.startsWith("--results=")) {
                results = Path.of(arg.substring("--results=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        Report report = scenario.run(scale);
        System.out.println();
        System.out.println("== " + scenario.name() + ": " + scenario.description());
        System.out.println(ResultWriter.table(report));
        report.notes().forEach(note -> System.out.println("- " + note));
        for (Path written : ResultWriter.write(report, results)) {
            System.out.println("wrote " + written);
        }
        // The embedded broker and database stop in shutdown hooks.
        System.exit(report.allMet() ? 0 : 2);
    }
}
