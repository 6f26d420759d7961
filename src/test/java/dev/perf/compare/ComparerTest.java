package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.compare.Comparison.Row;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparerTest {

    static Loaded input(String label, BenchmarkResult... benchmarks) {
        return new Loaded(label, "perf", List.of(benchmarks), null, null, Set.of(), null, null);
    }

    static BenchmarkResult bench(String name, String mode, Metric... metrics) {
        return new BenchmarkResult(name, "jmh", mode, Map.of(), BenchmarkResult.Status.ok, null, List.of(metrics));
    }

    /** A metric whose every value is the mean of one fork: the replicate the tests count. */
    static Metric metric(String name, String unit, Better better, double... values) {
        return Metric.of(
                name, unit, better, Arrays.stream(values).mapToObj(List::of).toList());
    }

    /** n values around {@code center} with coefficient of variation {@code cv}, seeded. */
    static double[] noisy(Random random, int n, double center, double cv) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = center * (1 + cv * random.nextGaussian());
        }
        return x;
    }

    private static Row only(Comparison c) {
        assertThat(c.rows()).hasSize(1);
        return c.rows().get(0);
    }

    private static Row compareScores(String mode, Better better, String unit, double[] base, double[] current) {
        return only(Comparer.compare(
                input("base", bench("a.B.c", mode, metric("score", unit, better, base))),
                input("current", bench("a.B.c", mode, metric("score", unit, better, current))),
                CompareOptions.DEFAULTS));
    }

    private static double[] scaled(double[] x, double factor) {
        return Arrays.stream(x).map(v -> v * factor).toArray();
    }

    private static final double[] TEN = {100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.3};

    @Test
    void direction_throughputDown25IsAFailure() {
        Row r = compareScores("thrpt", Better.HIGHER, "ops/s", TEN, scaled(TEN, 0.75));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.change()).isBetween(-0.26, -0.24);
        assertThat(r.reason()).contains("beyond the fail threshold 20.0%");
    }

    @Test
    void direction_averageTimeUp25IsAFailure() {
        assertThat(compareScores("avgt", Better.LOWER, "ns/op", TEN, scaled(TEN, 1.25))
                        .verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void direction_throughputUp25IsAnImprovementNeverAFailure() {
        assertThat(compareScores("thrpt", Better.HIGHER, "ops/s", TEN, scaled(TEN, 1.25))
                        .verdict())
                .isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void direction_allocationUp60IsAFailureAtTheMemoryThreshold() {
        Row r = only(Comparer.compare(
                input("b", bench("a.B.c", "avgt", metric("gc.alloc.rate.norm", "B/op", Better.LOWER, TEN))),
                input(
                        "c",
                        bench("a.B.c", "avgt", metric("gc.alloc.rate.norm", "B/op", Better.LOWER, scaled(TEN, 1.6)))),
                CompareOptions.DEFAULTS));
        assertThat(r.metricClass()).isEqualTo(MetricClass.MEMORY);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.fail()).isEqualTo(0.5);
    }

    @Test
    void warn_betweenTheThresholds() {
        Row r = compareScores("avgt", Better.LOWER, "ns/op", TEN, scaled(TEN, 1.14));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.changeUpper()).isLessThan(0.20);
    }

    @Test
    void warn_isNeverEscalatedToFail_byTheWidthOfTheInterval() {
        double[] noisyBase = {100, 104, 96, 102, 98, 103, 97, 101, 99, 100};
        Row r = compareScores(
                "avgt",
                Better.LOWER,
                "ns/op",
                noisyBase,
                scaled(new double[] {100, 110, 92, 104, 97, 106, 95, 102, 99, 100}, 1.17));
        assertThat(r.change()).isBetween(0.10, 0.20);
        assertThat(r.changeUpper()).isGreaterThanOrEqualTo(0.20);
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void significantButSmall_isUnchangedWithAReason() {
        Row r = compareScores("avgt", Better.LOWER, "ns/op", TEN, scaled(TEN, 1.05));
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.reason()).contains("within the warn threshold");
    }

    @Test
    void tooFewSamples_isInconclusiveSayingHowManyAreNeeded() {
        Row r = compareScores("avgt", Better.LOWER, "ns/op", new double[] {1, 2}, new double[] {10, 11});
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.reason())
                .isEqualTo("need 3 samples per side to decide at α=0.05, have n=2 per side (600.0% worse; not judged)");
    }

    @Test
    void noisySamples_areInconclusiveWithTheirCv() {
        Random random = new Random(1);
        Row r = compareScores("avgt", Better.LOWER, "ns/op", noisy(random, 6, 100, 0.3), noisy(random, 6, 100, 0.3));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.reason()).containsPattern("CV \\d+\\.\\d%");
    }

    @Test
    void singleSamples_neverDecide_theySayHowManyAreNeeded() {
        // go test's default -count=1: one sample per side cannot tell a +30 % change from noise
        Row r = compareGo(new double[] {100}, new double[] {130});
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.reason()).startsWith("need 3 samples per side to decide at α=0.05, have n=1 per side");
        assertThat(compareGo(new double[] {100}, new double[] {103}).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    private static Row compareGo(double[] base, double[] current) {
        return only(Comparer.compare(
                input("base", goBench(Metric.of("sec/op", "s/op", Better.LOWER, List.of(box(base))))),
                input("current", goBench(Metric.of("sec/op", "s/op", Better.LOWER, List.of(box(current))))),
                CompareOptions.DEFAULTS));
    }

    private static BenchmarkResult goBench(Metric m) {
        return new BenchmarkResult("Encode", "go", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(m));
    }

    private static List<Double> box(double[] x) {
        return Arrays.stream(x).boxed().toList();
    }

    @Test
    void oneFork_isInconclusive_iterationsAreNotReplicates() {
        Metric oneFork = Metric.of("score", "ns/op", Better.LOWER, List.of(box(TEN)));
        Metric slower = Metric.of("score", "ns/op", Better.LOWER, List.of(box(scaled(TEN, 1.5))));
        Row r = only(Comparer.compare(
                input("base", bench("a.B.c", "avgt", oneFork)),
                input("current", bench("a.B.c", "avgt", slower)),
                CompareOptions.DEFAULTS));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.reason()).startsWith("1 fork").contains("run-to-run variance unknown");
        assertThat(r.change()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void forks_areTheReplicates_theirMeansAreTested() {
        // 4 forks of 3 iterations each; the current forks are 30 % slower
        List<List<Double>> base = List.of(
                List.of(100.0, 101.0, 99.0),
                List.of(103.0, 102.0, 104.0),
                List.of(98.0, 97.0, 99.0),
                List.of(100.0, 100.0, 101.0));
        List<List<Double>> current =
                base.stream().map(f -> f.stream().map(v -> v * 1.3).toList()).toList();
        Row r = only(Comparer.compare(
                input("base", bench("a.B.c", "avgt", Metric.of("score", "ns/op", Better.LOWER, base))),
                input("current", bench("a.B.c", "avgt", Metric.of("score", "ns/op", Better.LOWER, current))),
                CompareOptions.DEFAULTS));
        assertThat(r.base().n()).isEqualTo(4);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void modes_areSeparateBenchmarks_modeAllPairsModeByMode() {
        double[] fast = {10, 10.1, 9.9, 10.05};
        double[] ops = {100, 101, 99, 100.5};
        Comparison c = Comparer.compare(
                input(
                        "base",
                        bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, fast)),
                        bench("a.B.c", "thrpt", metric("score", "ops/us", Better.HIGHER, ops))),
                input(
                        "current",
                        bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, scaled(fast, 1.4))),
                        bench("a.B.c", "thrpt", metric("score", "ops/us", Better.HIGHER, ops))),
                CompareOptions.DEFAULTS);
        assertThat(c.rows()).extracting(Row::displayName).containsExactly("a.B.c(mode=avgt)", "a.B.c(mode=thrpt)");
        assertThat(c.rows()).extracting(Row::verdict).containsExactly(Verdict.FAIL, Verdict.UNCHANGED);
    }

    @Test
    void modes_differentModesAreNeverPaired_butListedWithTheReason() {
        double[] v = {10, 10.1, 9.9, 10.05};
        Comparison c = Comparer.compare(
                input(
                        "base",
                        bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, v)),
                        bench("a.B.d", "avgt", metric("score", "ns/op", Better.LOWER, v))),
                input(
                        "current",
                        bench("a.B.c", "thrpt", metric("score", "ops/ns", Better.HIGHER, v)),
                        bench("a.B.d", "avgt", metric("score", "ns/op", Better.LOWER, v))),
                CompareOptions.DEFAULTS);
        Row missing = c.rows().stream()
                .filter(r -> r.verdict() == Verdict.MISSING)
                .findFirst()
                .orElseThrow();
        assertThat(missing.reason())
                .contains("current has it in mode thrpt only")
                .contains("not paired");
        Row added = c.rows().stream()
                .filter(r -> r.verdict() == Verdict.NEW)
                .findFirst()
                .orElseThrow();
        assertThat(added.reason()).contains("base has it in mode avgt only");
    }

    @Test
    void geomean_coversEveryRow_aRatioHasNoUnit() {
        double[] v = {10, 10.1, 9.9, 10.05};
        Comparison c = Comparer.compare(
                input(
                        "base",
                        bench("a.B.x", "avgt", metric("score", "ns/op", Better.LOWER, v)),
                        bench("a.B.y", "avgt", metric("score", "ns/op", Better.LOWER, v)),
                        bench("a.B.z", "thrpt", metric("score", "ops/s", Better.HIGHER, v))),
                input(
                        "current",
                        bench("a.B.x", "avgt", metric("score", "ns/op", Better.LOWER, v)),
                        bench("a.B.y", "avgt", metric("score", "ns/op", Better.LOWER, v)),
                        bench("a.B.z", "thrpt", metric("score", "ops/s", Better.HIGHER, scaled(v, 0.5)))),
                CompareOptions.DEFAULTS);
        assertThat(c.geomean().count()).isEqualTo(3);
        // throughput halved is twice as slow: the geometric mean of 1, 1 and 2
        assertThat(c.geomean().change()).isCloseTo(Math.cbrt(2) - 1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void noiseFloor_subByteAllocationChanges_areNeverARegression() {
        Row r = only(Comparer.compare(
                input(
                        "base",
                        bench(
                                "a.B.c",
                                "avgt",
                                metric("gc.alloc.rate.norm", "B/op", Better.LOWER, 2e-6, 2.1e-6, 1.9e-6, 2e-6))),
                input(
                        "current",
                        bench(
                                "a.B.c",
                                "avgt",
                                metric("gc.alloc.rate.norm", "B/op", Better.LOWER, 3.7e-6, 3.8e-6, 3.6e-6, 3.7e-6))),
                CompareOptions.DEFAULTS));
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.reason()).contains("below the floor of 1 B/op");
    }

    @Test
    void badValues_giveAVerdictWithAReasonNeverACrash() {
        assertThat(compareScores("avgt", Better.LOWER, "ns/op", new double[] {1, Double.NaN, 3, 4}, new double[] {
                            1, 2, 3, Double.POSITIVE_INFINITY
                        })
                        .reason())
                .contains("not all finite");
        Row zero = compareScores("avgt", Better.LOWER, "ns/op", new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1});
        assertThat(zero.verdict()).as(zero.reason()).isEqualTo(Verdict.FAIL);
        assertThat(zero.reason()).contains("from 0 to 1");
        Row negative =
                compareScores("avgt", Better.LOWER, "ns/op", new double[] {-1, -2, -3, -4}, new double[] {1, 2, 3, 4});
        assertThat(negative.reason()).contains("negative");
        Row equal = compareScores("avgt", Better.LOWER, "ns/op", new double[] {5, 5, 5, 5}, new double[] {5, 5, 5, 5});
        assertThat(equal.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(equal.reason()).isEqualTo("all samples are equal");
    }

    @Test
    void missingNewAndFailedBenchmarksAreListed() {
        BenchmarkResult failed = new BenchmarkResult(
                "a.Broken.x", "jmh", "avgt", Map.of(), BenchmarkResult.Status.failed, "boom", List.of());
        Comparison c = Comparer.compare(
                input(
                        "b",
                        bench("a.Kept.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN)),
                        bench("a.Gone.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN)),
                        bench("a.Broken.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN))),
                input(
                        "c",
                        bench("a.Kept.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN)),
                        bench("a.Added.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN)),
                        failed),
                CompareOptions.DEFAULTS);
        assertThat(c.rows())
                .extracting(Row::benchmark, Row::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.Kept.x", Verdict.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("a.Gone.x", Verdict.MISSING),
                        org.assertj.core.groups.Tuple.tuple("a.Broken.x", Verdict.FAIL),
                        org.assertj.core.groups.Tuple.tuple("a.Added.x", Verdict.NEW));
    }

    @Test
    void noBenchmarkInCommon_isBadInputListingBothSets() {
        assertThatThrownBy(() -> Comparer.compare(
                        input("b", bench("a.X.x", "avgt", metric("score", "ns/op", Better.LOWER, TEN))),
                        input("c", bench("a.Y.y", "avgt", metric("score", "ns/op", Better.LOWER, TEN))),
                        CompareOptions.DEFAULTS))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("no benchmark in common")
                .hasMessageContaining("base has: a.X.x")
                .hasMessageContaining("current has: a.Y.y");
    }

    @Test
    void thresholds_comeFromTheBaseOrTheCommandLine_neverFromTheRunUnderTest() {
        Thresholds strict = new Thresholds(new Thresholds.Limit("2%", "4%"), null, null);
        Thresholds loose = new Thresholds(new Thresholds.Limit("50%", "60%"), null, null);
        Loaded base = new Loaded(
                "b",
                "perf",
                List.of(bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, TEN))),
                null,
                strict,
                Set.of(),
                null,
                null);
        // the pull request loosens its own thresholds: they are not used, and the difference is shown
        Loaded current = new Loaded(
                "c",
                "perf",
                List.of(bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, scaled(TEN, 1.05)))),
                null,
                loose,
                Set.of(),
                null,
                null);
        Comparison c = Comparer.compare(base, current, CompareOptions.DEFAULTS);
        assertThat(only(c).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(c.environment())
                .anySatisfy(d -> assertThat(d.field()).isEqualTo("thresholds (the base's are used)"));
        CompareOptions commandLine = CompareOptions.DEFAULTS
                .withDecision(0.05, dev.perf.stats.MultipleTesting.Method.BH)
                .withOverrides(Map.of("time", new Thresholds.Limit("30%", "40%")));
        assertThat(only(Comparer.compare(base, current, commandLine)).verdict()).isEqualTo(Verdict.UNCHANGED);
        CompareOptions byName = CompareOptions.DEFAULTS
                .withDecision(0.05, dev.perf.stats.MultipleTesting.Method.BH)
                .withOverrides(
                        Map.of("score", new Thresholds.Limit("1%", "3%"), "time", new Thresholds.Limit("30%", "40%")));
        assertThat(only(Comparer.compare(base, current, byName)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void units_convertedWhenJmhOutputUnitChanged() {
        Row r = only(Comparer.compare(
                input("b", bench("a.B.c", "avgt", metric("score", "ns/op", Better.LOWER, scaled(TEN, 1000)))),
                input("c", bench("a.B.c", "avgt", metric("score", "us/op", Better.LOWER, TEN))),
                CompareOptions.DEFAULTS));
        assertThat(r.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(r.change()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void informationalGcMetrics_areNotJudged() {
        Comparison c = Comparer.compare(
                input(
                        "b",
                        bench(
                                "a.B.c",
                                "avgt",
                                metric("score", "ns/op", Better.LOWER, TEN),
                                metric("gc.count", "counts", Better.LOWER, TEN))),
                input(
                        "c",
                        bench(
                                "a.B.c",
                                "avgt",
                                metric("score", "ns/op", Better.LOWER, TEN),
                                metric("gc.count", "counts", Better.LOWER, scaled(TEN, 3)))),
                CompareOptions.DEFAULTS);
        assertThat(c.rows()).extracting(Row::metric).containsExactly("score");
    }

    /** A/A: 2 000 suites of 20 unchanged benchmarks, n = 10, CV 3 %: a suite with any fail is rare. */
    @Test
    void aaSimulation_falseFailuresInAtMostFivePercentOfSuites() {
        Random random = new Random(42);
        int suitesWithFail = 0;
        for (int suite = 0; suite < 2000; suite++) {
            List<BenchmarkResult> base = new ArrayList<>();
            List<BenchmarkResult> current = new ArrayList<>();
            for (int b = 0; b < 20; b++) {
                double center = 50 + b * 10;
                base.add(bench(
                        "s.B" + b, "avgt", metric("score", "ns/op", Better.LOWER, noisy(random, 10, center, 0.03))));
                current.add(bench(
                        "s.B" + b, "avgt", metric("score", "ns/op", Better.LOWER, noisy(random, 10, center, 0.03))));
            }
            Comparison c = Comparer.compare(
                    new Loaded("b", "perf", base, null, null, Set.of(), null, null),
                    new Loaded("c", "perf", current, null, null, Set.of(), null, null),
                    CompareOptions.DEFAULTS);
            if (c.count(Verdict.FAIL) > 0) {
                suitesWithFail++;
            }
        }
        System.out.println("A/A: suites with any fail: " + suitesWithFail + " of 2000");
        assertThat(suitesWithFail / 2000.0).isLessThanOrEqualTo(0.05);
    }

    /** Power: one benchmark of 20 slowed by 25 % at CV 5 %, n = 10: it fails in at least 99 % of suites. */
    @Test
    void power_a30PercentSlowdownWithQuickForksFailsInAtLeast90PercentOfSuites() {
        Random random = new Random(4242);
        int detected = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            List<BenchmarkResult> base = new ArrayList<>();
            List<BenchmarkResult> current = new ArrayList<>();
            for (int b = 0; b < 20; b++) {
                double center = 50 + b * 10;
                base.add(bench(
                        "s.B" + b, "avgt", metric("score", "ns/op", Better.LOWER, noisy(random, 4, center, 0.05))));
                current.add(bench(
                        "s.B" + b,
                        "avgt",
                        metric(
                                "score",
                                "ns/op",
                                Better.LOWER,
                                noisy(random, 4, b == 0 ? center * 1.30 : center, 0.05))));
            }
            Comparison c = Comparer.compare(
                    new Loaded("b", "perf", base, null, null, Set.of(), null, null),
                    new Loaded("c", "perf", current, null, null, Set.of(), null, null),
                    CompareOptions.DEFAULTS);
            if (c.rows().get(0).verdict() == Verdict.FAIL) {
                detected++;
            }
        }
        System.out.println("power: slowed benchmark failed in " + detected + " of " + trials);
        assertThat(detected / (double) trials).isGreaterThanOrEqualTo(0.90);
    }
}
