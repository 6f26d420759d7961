package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Json;
import dev.perf.result.Metric;
import dev.perf.result.ResultReader;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores far from a few digits read in the time unit JMH's {@code -tu} would choose, in every format of a run
 * and of a comparison, never as {@code 7.130e+07} or {@code 0.000} (#34).
 */
class ReadableFiguresTest {
    private static final RunResult SLOW = SampleResults.withScores(7.13e7, 7.14e7, 7.12e7, 7.13e7, 7.13e7);
    private static final RunResult SLOWER = SampleResults.withScores(7.53e7, 7.54e7, 7.52e7, 7.53e7, 7.53e7);

    @Test
    void aRunsScoresReadInAScaledUnit() {
        for (ReportFormat format : new ReportFormat[] {ReportFormat.text, ReportFormat.md, ReportFormat.html}) {
            String out = Reports.write(Subject.run(SLOW, "slow.json"), format);
            assertThat(out)
                    .as(format.name())
                    .contains("71.300")
                    .contains("ms/op")
                    .doesNotContain("e+07", "71300000");
        }
    }

    @Test
    void aComparisonsValuesAndUnitReadInTheSameScaledUnit() throws Exception {
        Comparison c = Comparer.compare(
                ResultReader.parse(Json.mapper().writeValueAsBytes(SLOW), "slow.json"),
                ResultReader.parse(Json.mapper().writeValueAsBytes(SLOWER), "slower.json"),
                CompareOptions.DEFAULTS);
        for (ReportFormat format : new ReportFormat[] {ReportFormat.text, ReportFormat.md, ReportFormat.html}) {
            String out = Reports.write(Subject.comparison(c), format);
            assertThat(out)
                    .as(format.name())
                    .contains("score (ms/op)", "71.30", "75.30")
                    .doesNotContain("e+07", "71300000");
        }
    }

    /** {@code run} with a B/op row of about {@code alloc} in each of 5 forks beside its score. */
    private static RunResult withAlloc(RunResult run, double alloc) {
        BenchmarkResult b = run.benchmarks().get(0);
        List<Metric> metrics = new ArrayList<>(b.metrics());
        metrics.add(Metric.of(
                "gc.alloc.rate.norm",
                "B/op",
                Better.LOWER,
                List.of(List.of(alloc), List.of(alloc * 1.01), List.of(alloc * 0.99), List.of(alloc), List.of(alloc))));
        return new RunResult(
                run.schema(),
                run.perfVersion(),
                run.run(),
                run.environment(),
                run.thresholds(),
                List.of(new BenchmarkResult(
                        b.name(), b.kind(), b.mode(), b.params(), b.status(), b.error(), metrics, b.load())));
    }

    /** #34: a +518 % change of a 0.00016 B/op noise row stretched the forest plot's axis to 600 %. */
    @Test
    void rowsBelowTheNoiseFloor_stayOffTheForestPlotAndItsAxis() throws Exception {
        Comparison c = Comparer.compare(
                ResultReader.parse(Json.mapper().writeValueAsBytes(withAlloc(SLOW, 0.00016)), "slow.json"),
                ResultReader.parse(Json.mapper().writeValueAsBytes(withAlloc(SLOWER, 0.000989)), "slower.json"),
                CompareOptions.DEFAULTS);
        assertThat(c.rows())
                .filteredOn(Comparison.Row::belowNoiseFloor)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.metric()).isEqualTo("gc.alloc.rate.norm");
                    assertThat(r.change()).isGreaterThan(5);
                });
        String html = Reports.write(Subject.comparison(c), ReportFormat.html);
        String plot = html.substring(html.indexOf("<figure"), html.indexOf("</figure>"));
        assertThat(plot)
                .contains("a.B.c score")
                .doesNotContain("gc.alloc.rate.norm")
                // the axis spans the score's +5.6 %, not the noise row's +518 %
                .contains("class=\"tick\">6<")
                .doesNotContainPattern("class=\"tick\">\\d{3}<");
        assertThat(html).contains("1 row differs by less than the noise floor");
        // the table still shows it, unchanged
        assertThat(html).contains("gc.alloc.rate.norm (B/op)");
    }
}
