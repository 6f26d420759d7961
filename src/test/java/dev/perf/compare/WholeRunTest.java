package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Loaded;
import dev.perf.result.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return LoadDetails.builder("open", counters)
                .target("http:GET http://127.0.0.1/")
                .targetRatePerSec(RATE)
                .durationNanos(seconds * 1_000_000_000L)
                .warmupNanos(0)
                .overall(overall)
                .samplesAre("per-second windows")
                .timeSeries(series)
                .histograms(new LoadDetails.Histograms(
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(new Histogram(3))))
                .host(List.of())
                .targets(List.of())
                .generatorBound(false)
                .generatorBoundReason(null)
                .startedAt(null)
                .curve(List.of())
                .build();
    }

    static Model scaled(Model m, double factor) {
        return (r, s, i) -> factor * m.millis(r, s, i);
    }

    private static final Thresholds.Limit TIME = new Thresholds.Limit("10%", "20%");

    private static WholeRun.Decided p99(LoadDetails base, LoadDetails current) {
        return WholeRun.quantile("p99", 0.99, base, current, TAIL, 0.05);
    }

    @Test
    void sameConditions_areNeverFlagged() {
        for (long seed = 0; seed < 20; seed++) {
            // a p99 inside 1-9 ms of scheduler jitter moves ±30 % from window to window: never a flag
            WholeRun.Decided d = p99(run(clean(0.02, 9), seed), run(clean(0.02, 9), seed + 100));
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isIn(Verdict.UNCHANGED, Verdict.INCONCLUSIVE);
            WholeRun.Decided p50 = WholeRun.quantile(
                    "p50", 0.5, run(clean(0.02, 9), seed), run(clean(0.02, 9), seed + 100), TIME, 0.05);
            assertThat(p50.verdict()).as("seed %d: %s", seed, p50.reason()).isEqualTo(Verdict.UNCHANGED);
        }
    }

    @Test
    void aOneSecondStallInTheCurrentAlone_doesNotFailAnAa() {
        for (long seed = 0; seed < 20; seed++) {
            LoadDetails current = run(stalled(), seed);
            WholeRun.Decided d = p99(run(clean(0.02, 9), seed + 100), current);
            assertThat(d.change()).as("the stall moves the whole-run p99").isGreaterThan(10);
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isIn(Verdict.UNCHANGED, Verdict.INCONCLUSIVE);
            assertThat(d.reason()).contains("short stall");
        }
    }

    @Test
    void aStallInTheBase_doesNotHideADoublingOfEveryLatency() {
        int fails = 0;
        for (long seed = 0; seed < 20; seed++) {
            WholeRun.Decided d = p99(run(stalled(), seed), run(scaled(clean(0.02, 9), 2.0), seed + 100));
            assertThat(d.verdict()).as("seed %d: %s", seed, d.reason()).isNotEqualTo(Verdict.UNCHANGED);
            fails += d.verdict() == Verdict.FAIL ? 1 : 0;
        }
        System.out.println("stall in the base, every latency doubled: p99 fails in " + fails + " of 20 seeds");
        assertThat(fails).isGreaterThanOrEqualTo(12);
    }

    @Test
    void everyLatencyOneAndAHalfTimes_fails_inTheTailAndTheMedian() {
        int p99Fails = 0;
        for (long seed = 0; seed < 20; seed++) {
            LoadDetails base = run(clean(0.02, 9), seed);
            LoadDetails current = run(scaled(clean(0.02, 9), 1.5), seed + 100);
            WholeRun.Decided tail = p99(base, current);
            assertThat(tail.verdict())
                    .as("seed %d p99: %s", seed, tail.reason())
                    .isNotEqualTo(Verdict.IMPROVED);
            p99Fails += tail.verdict() == Verdict.FAIL ? 1 : 0;
            assertThat(WholeRun.quantile("p50", 0.5, base, current, TIME, 0.05).verdict())
                    .as("seed %d p50", seed)
                    .isEqualTo(Verdict.FAIL);
        }
        System.out.println("every latency x1.5: p99 (±30 % per window) fails in " + p99Fails + " of 20 seeds");
        assertThat(p99Fails).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theStallGoneIsNoImprovementOfTheRun_butEveryLatencyHalvedIs() {
        WholeRun.Decided stallGone = p99(run(stalled(), 1), run(clean(0.02, 9), 2));
        assertThat(stallGone.verdict()).as(stallGone.reason()).isIn(Verdict.UNCHANGED, Verdict.INCONCLUSIVE);
        WholeRun.Decided halved = p99(run(clean(0.02, 9), 1), run(scaled(clean(0.02, 9), 0.5), 2));
        assertThat(halved.verdict()).as(halved.reason()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void tooFewResponses_isInconclusive_sayingWhatIsNeeded() {
        WholeRun.Decided d =
                WholeRun.quantile("p99.9", 0.999, run(clean(0.02, 9), 1, 5), run(stalled(), 2), TAIL, 0.05);
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(d.reason()).contains("windows of 10000 responses; at least 3 per side are needed");
    }

    @Test
    void throughput_isJudgedAgainstTheBaseAndAgainstTheAskedRate() {
        LoadDetails base = withThroughput(run(clean(0.02, 9), 1), 1000, 1000);
        assertThat(WholeRun.throughput(base, withThroughput(run(clean(0.02, 9), 2), 1000, 1000), TIME)
                        .verdict())
                .isEqualTo(Verdict.UNCHANGED);
        for (double carried : new double[] {700, 90}) {
            WholeRun.Decided closed = WholeRun.throughput(
                    withThroughput(base, 1000, Double.NaN),
                    withThroughput(run(clean(0.02, 9), 2), carried, Double.NaN),
                    TIME);
            assertThat(closed.verdict()).as(closed.reason()).isEqualTo(Verdict.FAIL);
            WholeRun.Decided open =
                    WholeRun.throughput(base, withThroughput(run(clean(0.02, 9), 2), carried, 1000), TIME);
            assertThat(open.verdict()).as(open.reason()).isEqualTo(Verdict.FAIL);
            assertThat(open.reason()).contains("of the 1000.0/s the schedule asked for");
        }
        // -12 % warns; +25 % is an improvement
        assertThat(WholeRun.throughput(
                                withThroughput(base, 1000, Double.NaN), withThroughput(base, 880, Double.NaN), TIME)
                        .verdict())
                .isEqualTo(Verdict.WARN);
        assertThat(WholeRun.throughput(
                                withThroughput(base, 1000, Double.NaN), withThroughput(base, 1250, Double.NaN), TIME)
                        .verdict())
                .isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void invalidRuns_sayWhy() {
        LoadDetails clean = run(clean(0.02, 9), 1);
        assertThat(WholeRun.invalid(clean)).isNull();
        LoadDetails bound = withValidity(clean, true, 0, 0);
        assertThat(WholeRun.invalid(bound)).contains("generator-bound");
        LoadDetails dropped = withValidity(clean, false, 25, 0);
        assertThat(WholeRun.invalid(dropped)).contains("25 of 10025 scheduled operations were dropped");
        LoadDetails overran = withValidity(clean, false, 0, 4);
        assertThat(WholeRun.invalid(overran)).contains("kept completing operations 3 s past its 10 s schedule");
    }

    @Test
    void anInvalidCurrentRun_isInvalidAndFailsTheGate_anInvalidBaseIsInconclusive() {
        LoadDetails clean = run(clean(0.02, 9), 1);
        LoadDetails bound = withValidity(run(clean(0.02, 9), 2), true, 0, 0);
        Comparison c = Comparer.compare(loaded(clean), loaded(bound), CompareOptions.DEFAULTS);
        assertThat(c.rows()).hasSize(1);
        assertThat(c.rows().get(0).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(c.rows().get(0).reason()).startsWith("the current run is invalid: generator-bound");
        assertThat(CompareOptions.DEFAULTS.failsGate(Verdict.INVALID)).isTrue();
        Comparison reversed = Comparer.compare(loaded(bound), loaded(clean), CompareOptions.DEFAULTS);
        assertThat(reversed.rows().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(reversed.rows().get(0).reason()).contains("re-run the base");
        // the validity row stands for every whole-run metric: --filter p99 shows it, it never "matches no row"
        for (String filter : List.of("p99", "throughput", "errorRate", "^p")) {
            Comparison filtered =
                    Comparer.compare(loaded(clean), loaded(bound), CompareOptions.DEFAULTS.withFilter(filter));
            assertThat(filtered.rows()).as(filter).singleElement().satisfies(r -> assertThat(r.verdict())
                    .isEqualTo(Verdict.INVALID));
        }
    }

    private static Loaded loaded(LoadDetails d) {
        BenchmarkResult b =
                new BenchmarkResult("api", "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
        return new Loaded("x", "perf", List.of(b), null, null, Set.of(), null, null);
    }

    static LoadDetails withThroughput(LoadDetails d, double throughput, double asked) {
        Map<String, Double> overall = new java.util.LinkedHashMap<>(d.overall());
        overall.put("throughput", throughput);
        return new LoadDetails(
                d.model(),
                d.target(),
                asked,
                d.durationNanos(),
                d.warmupNanos(),
                d.counters(),
                overall,
                d.samplesAre(),
                d.timeSeries(),
                d.histograms(),
                d.host(),
                d.targets(),
                d.generatorBound(),
                d.generatorBoundReason(),
                d.startedAt(),
                d.curve(),
                d.aborted(),
                d.monitors(),
                d.traces(),
                d.observed());
    }

    /** {@code d} generator-bound, with operations dropped, or with seconds of completions past its schedule. */
    static LoadDetails withValidity(LoadDetails d, boolean bound, long dropped, int extraSeconds) {
        LoadDetails.Counters c = d.counters();
        LoadDetails.Counters counters = new LoadDetails.Counters(
                c.scheduled() + dropped, c.sent(), dropped, c.ok(), 0, 0, 0, 0, 0, Map.of(), null);
        List<LoadDetails.Second> series = new ArrayList<>(d.timeSeries());
        for (int k = 0; k < extraSeconds; k++) {
            series.add(new LoadDetails.Second(series.size(), 500, 1, 2, 0, null));
        }
        return new LoadDetails(
                d.model(),
                d.target(),
                d.targetRatePerSec(),
                d.durationNanos(),
                d.warmupNanos(),
                counters,
                d.overall(),
                d.samplesAre(),
                series,
                d.histograms(),
                d.host(),
                d.targets(),
                bound,
                bound ? "dispatch lateness p99 40 ms" : null,
                d.startedAt(),
                d.curve(),
                d.aborted(),
                d.monitors(),
                d.traces(),
                d.observed());
    }

    @Test
    void theMaximumWarnsAtTenTimesAndNeverFails() {
        WholeRun.Decided d = WholeRun.max(run(clean(0.02, 9), 1), run(stalled(), 2), TAIL);
        assertThat(d.verdict()).isEqualTo(Verdict.WARN);
        WholeRun.Decided same = WholeRun.max(run(clean(0.02, 9), 1), run(clean(0.02, 9), 2), TAIL);
        assertThat(same.verdict()).isEqualTo(Verdict.UNCHANGED);
    }
}
