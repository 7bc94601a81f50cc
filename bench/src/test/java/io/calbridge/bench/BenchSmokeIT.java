package io.calbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario runs end to end at a tiny scale and writes its results; the real runs are {@code bench/run}. */
class BenchSmokeIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path results;

    @Test
    void everyScenarioProducesFiguresWithReferencesAndWritesJsonAndMarkdown() throws Exception {
        for (Scenario scenario : BenchMain.scenarios().values()) {
            Report report = scenario.run(0.005);

            var written = ResultWriter.write(report, results);

            // counts of lost or duplicated work are legitimately zero; nothing is negative or NaN, and something was measured
            assertThat(report.figures()).isNotEmpty().allSatisfy(f -> assertThat(f.value()).isFinite().isNotNegative());
            assertThat(report.figures()).anySatisfy(f -> assertThat(f.value()).isPositive());
            assertThat(report.figures()).anySatisfy(f -> assertThat(f.reference()).isNotNull());
            assertThat(written).allSatisfy(path -> assertThat(Files.size(path)).isPositive());
            assertThat(Files.readString(results.resolve(scenario.name() + ".md"))).contains("| figure | value | reference | ratio |");
        }
    }
}
