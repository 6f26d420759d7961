package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The whole-run rule for two single load runs, on seeded synthetic runs of 10 s at 1 000/s: a clean run
 * whose tail jitter grew on a busy machine never fails, a one-second stall always does.
 */
class WholeRunTest {
    private static final int SECONDS = 10;
    private static final int RATE = 1000;
    private static final Thresholds.Limit TAIL = new Thresholds.Limit("15%", "25%");

    /** A response-time model: millis of the i-th response of second s. */
    interface Model {
        double millis(SplittableRandom random, int second, int i);
    }

    /** Sub-millisecond service; a share of responses hit scheduler jitter of 1 to maxJitter ms. */
    static Model clean(double jitterShare, double maxJitterMillis) {
        return (r, s, i) ->
                r.nextDouble() < jitterShare ? 1 + r.nextDouble() * (maxJitterMillis - 1) : 0.2 + r.nextDouble() * 0.2;
    }

    /** The clean model with a stall in second 4: a response there waited until the stall ended. */
    static Model stalled() {
        Model c = clean(0.02, 9);
        return (r, s, i) -> s == 4 ? 1000.0 * (RATE - i) / RATE + c.millis(r, s, i) : c.millis(r, s, i);
    }

    static LoadDetails run(Model model, long seed) {
        return run(model, seed, SECONDS);
    }

    static LoadDetails run(Model model, long seed, int seconds) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram total = new Histogram(3);
        List<LoadDetails.Second> series = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < RATE; i++) {
                h.recordValue((long) (model.millis(random, s, i) * 1e6));
            }
            total.add(h);
            series.add(new LoadDetails.Second(
                    s,
                    RATE,
                    h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3,
                    0,
                    HistogramCodec.encode(h)));
        }
        long n = (long) seconds * RATE;
        LoadDetails.Counters counters = new LoadDetails.Counters(n, n, 0, n, 0, 0, 0, 0, 0, Map.of(), null);
        Map<String, Double> overall = LoadDetails.overallOf(total, new Histogram(3), counters, seconds);
        return new LoadDetails(
                "open",
                "http:GET http://127.0.0.1/",
                RATE,
                seconds * 1_000_000_000L,
                0,
                counters,
                overall,
                "per-second windows",
                series,
                new LoadDetails.Histograms(
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(new Histogram(3))),
                List.of(),
                List.of(),
                false,
                null,
                null,
                List.of());
    }

    @Test
    void sameConditions_areUnchanged() {
        for (long seed = 0; seed < 20; seed++) {
            WholeRun.Decided d =
                    WholeRun.quantile("p99", 0.99, run(clean(0.02, 9), seed), run(clean(0.02, 9), seed + 100), TAIL);
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isEqualTo(Verdict.UNCHANGED);
        }
    }

    @Test
    void moreJitterOnABusyMachine_warnsButNeverFails() {
        // the CI case: p99 went from 2.2 ms to 6.5 ms while the base had seen a 9.4 ms response
        int heldBackByTheBaseMaximum = 0;
        for (long seed = 0; seed < 20; seed++) {
            LoadDetails base = run(clean(0.015, 9.4), seed);
            LoadDetails current = run(clean(0.08, 9.4), seed + 100);
            WholeRun.Decided d = WholeRun.quantile("p99", 0.99, base, current, TAIL);
            assertThat(current.overall().get("p99") / base.overall().get("p99"))
                    .as("the scenario triples p99")
                    .isGreaterThan(1.5);
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isNotEqualTo(Verdict.FAIL);
            if (d.reason().contains("within the slowest base response")) {
                heldBackByTheBaseMaximum++;
            }
        }
        // without the base-maximum condition most of these would fail
        assertThat(heldBackByTheBaseMaximum).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aOneSecondStall_fails() {
        for (long seed = 0; seed < 20; seed++) {
            WholeRun.Decided d = WholeRun.quantile("p99", 0.99, run(clean(0.02, 9), seed), run(stalled(), seed), TAIL);
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isEqualTo(Verdict.FAIL);
            assertThat(d.change()).isGreaterThan(10);
            assertThat(d.reason()).contains("slowest base response");
        }
    }

    @Test
    void theStallGoneIsAnImprovement() {
        WholeRun.Decided d = WholeRun.quantile("p99", 0.99, run(stalled(), 1), run(clean(0.02, 9), 2), TAIL);
        assertThat(d.verdict()).as(d.reason()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void tooFewResponses_isInconclusive() {
        WholeRun.Decided d = WholeRun.quantile("p99.9", 0.999, run(clean(0.02, 9), 1, 5), run(stalled(), 2), TAIL);
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(d.reason()).contains("5000 and 10000, at least 10000 per side");
    }

    @Test
    void theMaximumWarnsAtTenTimesAndNeverFails() {
        WholeRun.Decided d = WholeRun.max(run(clean(0.02, 9), 1), run(stalled(), 2), TAIL);
        assertThat(d.verdict()).isEqualTo(Verdict.WARN);
        WholeRun.Decided same = WholeRun.max(run(clean(0.02, 9), 1), run(clean(0.02, 9), 2), TAIL);
        assertThat(same.verdict()).isEqualTo(Verdict.UNCHANGED);
    }
}
