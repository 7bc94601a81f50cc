package io.calbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.bench.Figure.Better;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void throughputBelowItsTargetMissesIt() {
        var figure = Figure.limit("relay", 800, "events/s", 1_000, "target", Better.HIGHER);

        assertThat(figure.ratio()).isEqualTo(0.8);
        assertThat(figure.meetsReference()).isFalse();
        assertThat(figure.verdict()).isEqualTo("MISSES");
    }

    @Test
    void latencyUnderItsLimitMeetsIt() {
        var figure = Figure.limit("p99", 250, "ms", 1_000, "limit", Better.LOWER);

        assertThat(figure.ratio()).isEqualTo(0.25);
        assertThat(figure.verdict()).isEqualTo("meets");
    }

    @Test
    void aLimitOfZeroIsMetOnlyByZero() {
        var none = Figure.limit("double bookings", 0, "bookings", 0, "target", Better.LOWER);
        var one = Figure.limit("double bookings", 1, "bookings", 0, "target", Better.LOWER);

        assertThat(none.ratio()).isNull();
        assertThat(none.verdict()).isEqualTo("meets");
        assertThat(one.meetsReference()).isFalse();
        assertThat(one.verdict()).isEqualTo("MISSES");
    }

    @Test
    void comparisonWithABaselineIsInformationNotAVerdict() {
        var figure = Figure.versus("relay", 2_000, "events/s", 20_000, "raw producer", Better.HIGHER);

        assertThat(figure.ratio()).isEqualTo(0.1);
        assertThat(figure.meetsReference()).isTrue();
        assertThat(figure.verdict()).isEqualTo("vs baseline");
    }

    @Test
    void anInformationFigureHasNoReferenceAndNoVerdict() {
        var figure = Figure.info("seeding time", 9.5, "s");

        assertThat(figure.ratio()).isNull();
        assertThat(figure.meetsReference()).isTrue();
        assertThat(figure.verdict()).isEqualTo("info");
    }

    @Test
    void markdownTablePutsEachFigureNextToItsReferenceAndRatio() {
        var report = new Report("demo", Instant.parse("2026-11-25T12:00:00Z"), 1.5, Map.of("cores", "2"), List.of(
                Figure.baseline("raw", 20_000, "events/s"),
                Figure.limit("relay", 3_000, "events/s", 1_000, "target", Better.HIGHER)), List.of("a note"));

        String table = ResultWriter.table(report);

        assertThat(table).contains("| raw | 20,000 events/s | — | — | baseline |");
        assertThat(table).contains("| relay | 3,000 events/s | 1,000 events/s (target) | 3.00× | meets |");
        assertThat(report.allMet()).isTrue();
    }

    @Test
    void percentilesUseTheNearestRank() {
        var percentiles = new Percentiles(new long[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});

        assertThat(percentiles.at(50)).isEqualTo(5);
        assertThat(percentiles.at(99)).isEqualTo(10);
        assertThat(percentiles.max()).isEqualTo(10);
    }
}
