package dev.perf.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the gate on generated pairs with a known truth: fork means of a JMH benchmark read in avgt
 * (ns/op) and in thrpt (ops/ns), n forks per side, a noise shape and CV, and a true effect. Whatever the
 * draw: swapping the inputs mirrors the verdict, the mode never changes it, a larger effect is never judged
 * better, fewer replicates than α needs never decide, and a broken current run never passes.
 */
class VerdictPropertiesTest {

    private static Loaded jmh(String label, String mode, double[] forks) {
        boolean thrpt = mode.equals("thrpt");
        List<List<Double>> groups = new ArrayList<>();
        for (double f : forks) {
            groups.add(List.of(thrpt ? 1 / f : f));
        }
        Metric m = Metric.of("score", thrpt ? "ops/ns" : "ns/op", thrpt ? Better.HIGHER : Better.LOWER, groups);
        return new Loaded(
                label,
                "jmh",
                List.of(new BenchmarkResult(
                        "a.B.c", "jmh", mode, Map.of(), BenchmarkResult.Status.ok, null, List.of(m))),
                null,
                null,
                Set.of(),
                null,
                null);
    }

    private static Verdict verdict(Loaded base, Loaded current) {
        return Comparer.compare(base, current, CompareOptions.DEFAULTS)
                .rows()
                .get(0)
                .verdict();
    }

    private static double[][] pair(long seed, int n, double cv, double effect, int shape) {
        Random random = new Random(seed);
        VerdictPolicyTest.Noise noise =
                List.of(VerdictPolicyTest.Noise.values()).get(shape);
        // nanobenchmark scale: 4 ns/op, where an absolute floor used to hide everything
        double[] base = noise.draw(random, n, cv, 0.04);
        double[] current = noise.draw(random, n, cv, 0.04 * effect);
        return new double[][] {base, current};
    }

    @Property(tries = 300, seed = "26")
    void swappingTheInputsMirrorsTheVerdict_andTheModeNeverChangesIt(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.2) double cv,
            @ForAll @DoubleRange(min = 0.5, max = 2.0) double effect,
            @ForAll @IntRange(min = 0, max = 3) int shape) {
        double[][] p = pair(seed, n, cv, effect, shape);
        Verdict avgt = verdict(jmh("b", "avgt", p[0]), jmh("c", "avgt", p[1]));
        Verdict thrpt = verdict(jmh("b", "thrpt", p[0]), jmh("c", "thrpt", p[1]));
        Verdict swapped = verdict(jmh("c", "avgt", p[1]), jmh("b", "avgt", p[0]));
        assertThat(thrpt).as("thrpt reads the same forks as avgt").isEqualTo(avgt);
        switch (avgt) {
            case FAIL, WARN -> assertThat(swapped).as("swap of %s", avgt).isEqualTo(Verdict.IMPROVED);
            case IMPROVED -> assertThat(swapped).as("swap of %s", avgt).isIn(Verdict.FAIL, Verdict.WARN);
            default -> assertThat(swapped).as("swap of %s", avgt).isEqualTo(avgt);
        }
        if (n < VerdictPolicy.samplesNeeded(0.05) || n == 1) {
            assertThat(avgt).as("n=%d never decides", n).isIn(Verdict.INCONCLUSIVE, Verdict.UNCHANGED);
        }
    }

    @Property(tries = 200, seed = "27")
    void aLargerSlowdownIsNeverJudgedBetter(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 3, max = 12) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.15) double cv,
            @ForAll @DoubleRange(min = 1.0, max = 1.5) double effect) {
        Random random = new Random(seed);
        double[] base = VerdictPolicyTest.Noise.LOGNORMAL.draw(random, n, cv, 1);
        double[] noiseOfCurrent = VerdictPolicyTest.Noise.LOGNORMAL.draw(random, n, cv, 1);
        double[] small = noiseOfCurrent.clone();
        double[] large = noiseOfCurrent.clone();
        for (int i = 0; i < n; i++) {
            small[i] *= effect;
            large[i] *= effect * 1.3;
        }
        int rankSmall = severity(verdict(jmh("b", "avgt", base), jmh("c", "avgt", small)));
        int rankLarge = severity(verdict(jmh("b", "avgt", base), jmh("c", "avgt", large)));
        assertThat(rankLarge).as("the same noise 30 % slower").isGreaterThanOrEqualTo(rankSmall);
    }

    /** improved < unchanged or inconclusive < warn < fail. */
    private static int severity(Verdict v) {
        return switch (v) {
            case IMPROVED -> 0;
            case WARN -> 2;
            case FAIL -> 3;
            default -> 1;
        };
    }

    @Property(tries = 100, seed = "28")
    void aBrokenCurrentRunNeverPasses(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 2) int how) {
        double[][] p = pair(seed, 5, 0.05, 0.5, 0);
        Loaded base = jmh("b", "avgt", p[0]);
        Loaded current =
                switch (how) {
                        // the benchmark crashed (and, being much "faster", would otherwise read as improved)
                    case 0 -> new Loaded(
                            "c",
                            "jmh",
                            List.of(
                                    base.benchmarks().get(0),
                                    new BenchmarkResult(
                                            "a.B.c",
                                            "jmh",
                                            "avgt",
                                            Map.of(),
                                            BenchmarkResult.Status.failed,
                                            "boom",
                                            List.of())),
                            null,
                            null,
                            Set.of(),
                            null,
                            null);
                        // the benchmark is gone, another one is there
                    case 1 -> new Loaded(
                            "c",
                            "jmh",
                            List.of(new BenchmarkResult(
                                    "a.B.other",
                                    "jmh",
                                    "avgt",
                                    Map.of(),
                                    BenchmarkResult.Status.ok,
                                    null,
                                    base.benchmarks().get(0).metrics())),
                            null,
                            null,
                            Set.of(),
                            null,
                            null);
                        // a new benchmark that failed beside an unchanged one
                    default -> new Loaded(
                            "c",
                            "jmh",
                            List.of(
                                    base.benchmarks().get(0),
                                    new BenchmarkResult(
                                            "a.B.new",
                                            "jmh",
                                            "avgt",
                                            Map.of(),
                                            BenchmarkResult.Status.failed,
                                            "boom",
                                            List.of())),
                            null,
                            null,
                            Set.of(),
                            null,
                            null);
                };
        Comparison c;
        if (how == 1) {
            // nothing in common is bad input (exit 3), never a pass; with a shared benchmark the missing one fails
            Loaded both = new Loaded(
                    "b",
                    "jmh",
                    List.of(base.benchmarks().get(0), current.benchmarks().get(0)),
                    null,
                    null,
                    Set.of(),
                    null,
                    null);
            Loaded onlyOne =
                    new Loaded("c", "jmh", List.of(current.benchmarks().get(0)), null, null, Set.of(), null, null);
            c = Comparer.compare(both, onlyOne, CompareOptions.DEFAULTS);
        } else {
            c = Comparer.compare(base, current, CompareOptions.DEFAULTS);
        }
        assertThat(c.rows().stream().anyMatch(r -> CompareOptions.DEFAULTS.failsGate(r.verdict())))
                .as(
                        "%s",
                        c.rows().stream()
                                .map(r -> r.displayName() + " " + r.verdict() + ": " + r.reason())
                                .toList())
                .isTrue();
    }
}
