package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.result.Json;
import dev.perf.result.ResultReader;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
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
}
