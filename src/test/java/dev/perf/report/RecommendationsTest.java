package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Environment;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.result.Thresholds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RecommendationsTest {
    private static final String EMPTY = HistogramCodec.encode(new Histogram(3));

    private static RunResult run(Environment env, BenchmarkResult... benchmarks) {
        RunInfo info = new RunInfo("r", Instant.EPOCH, Instant.EPOCH.plusSeconds(5), "quick", "s", "f", false, null);
        return new RunResult(RunResult.SCHEMA, "0", info, env, Thresholds.DEFAULTS, List.of(benchmarks));
    }

    private static Environment env(String governor, double load, int cores, List<String> args) {
        return new Environment(
                "Linux",
                "6",
                "amd64",
                "cpu",
                cores,
                cores,
                null,
                null,
                governor,
                null,
                null,
                load,
                new Environment.Jvm("v", "n", "17", args),
                null);
    }

    private static BenchmarkResult jmh(String name, List<Double> scores, double allocBytes) {
        return new BenchmarkResult(
                name,
                "jmh",
                "avgt",
                Map.of(),
                BenchmarkResult.Status.ok,
                null,
                List.of(
                        // each score is one fork's mean: the replicate
                        Metric.of(
                                "score",
                                "ns/op",
                                Better.LOWER,
                                scores.stream().map(List::of).toList()),
                        Metric.of("gc.alloc.rate.norm", "B/op", Better.LOWER, List.of(List.of(allocBytes)))));
    }

    private static BenchmarkResult load(
            double cpuPeak,
            double errorRate,
            double p50,
            double p99,
            double target,
            double achieved,
            long dropped,
            List<LoadDetails.TargetVerdict> targets,
            List<LoadDetails.RateStep> curve) {
        return load("open", cpuPeak, errorRate, p50, p99, target, achieved, dropped, targets, curve, Map.of());
    }

    private static BenchmarkResult load(
            String model,
            double cpuPeak,
            double errorRate,
            double p50,
            double p99,
            double target,
            double achieved,
            long dropped,
            List<LoadDetails.TargetVerdict> targets,
            List<LoadDetails.RateStep> curve,
            Map<String, Double> moreOverall) {
        Map<String, Double> overall = new LinkedHashMap<>(moreOverall);
        overall.put("throughput", achieved);
        overall.put("p50", p50);
        overall.put("p99", p99);
        overall.put("errorRate", errorRate);
        long sent = 1000;
        long failed = Math.round(sent * errorRate / 100);
        LoadDetails d = LoadDetails.builder(
                        model,
                        new LoadDetails.Counters(
                                sent + dropped, sent, dropped, sent - failed, failed, 0, 0, 0, 0, Map.of(), null))
                .target("java:x")
                .targetRatePerSec(target)
                .durationNanos(5_000_000_000L)
                .warmupNanos(0)
                .overall(overall)
                .samplesAre("per-second windows")
                .timeSeries(List.of())
                .histograms(new LoadDetails.Histograms(EMPTY, EMPTY, EMPTY))
                // a whole second, then the final partial one (whose CPU reading is not judged)
                .host(List.of(
                        new LoadDetails.HostSample(0, cpuPeak, cpuPeak, 1, 1, 50, 1, Double.NaN, -1),
                        new LoadDetails.HostSample(1, 400, 400, 1, 1, 167, 1, Double.NaN, -1)))
                .targets(targets)
                .generatorBound(false)
                .generatorBoundReason(null)
                .startedAt(Instant.EPOCH)
                .curve(curve)
                .build();
        return new BenchmarkResult("loop", "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    private static List<String> advice(RunResult r) {
        return Recommendations.of(r).stream()
                .map(x -> x.subject() + ": " + x.advice() + " [" + x.evidence() + "]")
                .toList();
    }

    @Test
    void of_saysNothing_aboutAHealthyRun() {
        RunResult r = run(
                env("performance", 0.1, 4, List.of("-Xmx1g")),
                jmh("a.B.c", List.of(10.0, 10.1, 9.9, 10.0, 10.05), 16),
                load(50, 0, 1, 2, 100, 100, 0, List.of(), List.of()));
        assertThat(Recommendations.of(r)).isEmpty();
    }

    /** A load result named {@code name} whose target line is {@code target} and whose mean is {@code mean}. */
    private static BenchmarkResult named(String name, String target, double mean, Map<String, String> params) {
        BenchmarkResult b =
                load("open", 10, 0, mean, 4 * mean, 100, 100, 0, List.of(), List.of(), Map.of("mean", mean));
        LoadDetails d = b.load().toBuilder().target(target).build();
        return new BenchmarkResult(name, "load", null, params, BenchmarkResult.Status.ok, null, List.of(), d);
    }

    @Test
    void of_callsAPoolExhausted_whenTheOperationsWaitMostlyForAConnection_perMatrixCell() {
        RunResult r = run(
                env("performance", 0.1, 4, List.of()),
                named("db", "sql:jdbc:postgresql://h/x SELECT 1 (pool 1)", 40, Map.of("pool", "1")),
                named("db/acquire", "sql:acquire a pooled connection", 35, Map.of("pool", "1")),
                named("db/query", "sql:SELECT 1", 5, Map.of("pool", "1")),
                named("db", "sql:jdbc:postgresql://h/x SELECT 1 (pool 8)", 6, Map.of("pool", "8")),
                named("db/acquire", "sql:acquire a pooled connection", 0.05, Map.of("pool", "8")),
                // a hand-off of 0.4 ms is half of a fast query's 0.8 ms, but it is not waiting for the pool
                named("fast", "sql:jdbc:postgresql://h/x SELECT 1 (pool 4)", 0.8, Map.of()),
                named("fast/acquire", "sql:acquire a pooled connection", 0.4, Map.of()));
        assertThat(advice(r))
                .singleElement()
                .asString()
                .startsWith("db(pool=1): pool exhausted")
                .contains("raise sql.pool (now 1)")
                .contains("[acquisition mean 35.000 ms of 40.000 ms (88 %), p99 140.000 ms of 160.000 ms]");
    }

    @Test
    void of_flagsTheEnvironment() {
        RunResult r = run(env("powersave", 3.0, 2, List.of("-agentlib:jdwp=transport=dt_socket", "-javaagent:x.jar")));
        assertThat(advice(r))
                .anySatisfy(a -> assertThat(a).contains("governor").contains("[governor powersave]"))
                .anySatisfy(a -> assertThat(a).contains("busy").contains("load average 3.00 on 2 logical cores"))
                .anySatisfy(a -> assertThat(a).contains("debugger").contains("-agentlib:jdwp"))
                .anySatisfy(a -> assertThat(a).contains("agent was loaded").contains("-javaagent:x.jar"));
    }

    @Test
    void of_flagsNoisyAndAllocatingBenchmarks() {
        RunResult r = run(null, jmh("a.B.noisy", List.of(10.0, 14.0, 8.0, 12.0, 9.0), 4096));
        assertThat(advice(r))
                .anySatisfy(a -> assertThat(a).startsWith("a.B.noisy: noisy").contains("CV 22.7 % between 5 forks"))
                .anySatisfy(a -> assertThat(a).contains("high allocation").contains("4096 B/op"));
    }

    @Test
    void of_flagsLoadProblemsWithTheirEvidence() {
        RunResult r = run(null, load(97, 2.5, 1, 30, 1000, 800, 200, List.of(), List.of()));
        assertThat(advice(r))
                .anySatisfy(a -> assertThat(a).contains("CPU was saturated").contains("97.0 % in the median second"))
                .anySatisfy(
                        a -> assertThat(a).contains("many operations failed").contains("error rate 2.50 %"))
                .anySatisfy(a -> assertThat(a).contains("heavy latency tail").contains("p99/p50 = 30.0"))
                .anySatisfy(a -> assertThat(a)
                        .contains("target rate was not reached")
                        .contains("800.0/s of 1000.0/s, 200 dropped"));
    }

    @Test
    void of_namesTheBacklogOfATargetThatCouldNotKeepUp() {
        RunResult r = run(null, load("open", 50, 0, 1, 2, 1000, 160, 0, List.of(), List.of(), Map.of("overrun", 4.2)));
        assertThat(advice(r)).anySatisfy(a -> assertThat(a)
                .contains("the target could not keep up")
                .contains("4.2 s past a 5.0 s schedule; 160/s carried of 1000/s asked"));
    }

    @Test
    void of_flagsAnSloCloseToItsLimit_butNotOneWithRoom() {
        RunResult r = run(
                null,
                load(
                        "closed",
                        10,
                        0,
                        1,
                        2,
                        100,
                        100,
                        0,
                        List.of(
                                new LoadDetails.TargetVerdict("p99", "2.1ms", "5ms", 2.0, "ms", "pass", null),
                                new LoadDetails.TargetVerdict("p50", "10ms", null, 1.0, "ms", "pass", null),
                                new LoadDetails.TargetVerdict("throughput", "95/s", null, 100, "ops/s", "pass", null)),
                        List.of(),
                        Map.of()));
        List<String> advice = advice(r);
        assertThat(advice).filteredOn(a -> a.contains("SLO")).hasSize(2);
        assertThat(advice)
                .anySatisfy(a -> assertThat(a).contains("SLO p99").contains("4.8 % headroom"))
                .anySatisfy(a -> assertThat(a).contains("SLO throughput").contains("5.3 % headroom"));
    }

    @Test
    void of_throughputOfAnOpenLoop_isNeverCalledCloseToItsLimit() {
        // an open loop sends exactly its rate: 500/s against "acceptable 490/s" is the rate chosen, not headroom
        RunResult r = run(
                null,
                load(
                        10,
                        0,
                        1,
                        2,
                        500,
                        500,
                        0,
                        List.of(new LoadDetails.TargetVerdict("throughput", null, "490/s", 500, "ops/s", "pass", null)),
                        List.of()));
        assertThat(Recommendations.of(r)).isEmpty();
    }

    @Test
    void of_tailsWithinASchedulerSlice_areNotFlagged() {
        // p99/p50 = 25 and 13, but p99s of 50 us and 5.6 ms (the demo server on a shared 2-core machine) are
        // scheduler jitter
        assertThat(Recommendations.of(run(null, load(50, 0, 0.002, 0.05, 100, 100, 0, List.of(), List.of()))))
                .isEmpty();
        assertThat(Recommendations.of(run(null, load(50, 0, 0.426, 5.603, 100, 100, 0, List.of(), List.of()))))
                .isEmpty();
    }

    @Test
    void of_staysSilent_onTheProjectsOwnCleanDemoRuns() {
        // samples/history runs 1-8 and the shard merge are real, clean runs of the demo suite
        List<java.nio.file.Path> clean = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            clean.add(java.nio.file.Path.of(String.format("samples/history/run-%02d.json", i)));
        }
        for (java.nio.file.Path f : clean) {
            RunResult run = dev.perf.result.ResultFiles.read(f);
            List<Recommendations.Recommendation> said = Recommendations.of(run).stream()
                    .filter(x -> !x.subject().equals("environment")) // the machine, not the run
                    .toList();
            assertThat(said).as(f.toString()).isEmpty();
        }
    }

    @Test
    void of_findsTheKneeOfAFindMaxRateCurve() {
        List<LoadDetails.RateStep> curve = List.of(
                new LoadDetails.RateStep(1000, 1000, 2, 0, true),
                new LoadDetails.RateStep(2000, 1990, 2.5, 0, true),
                new LoadDetails.RateStep(4000, 2300, 40, 0, false));
        RunResult r = run(null, load(10, 0, 1, 2, 100, 100, 0, List.of(), curve));
        assertThat(advice(r))
                .anySatisfy(
                        a -> assertThat(a).contains("knee").contains("asking 4000/s instead of 2000/s gave 2300/s"));
    }

    @Test
    void aFindMaxRateSearch_isSummedUpOnTheTerminalAndTabledInRateOrderInMarkdown() {
        // in search order: doubling to 4000, then bisecting back to 3000
        List<LoadDetails.RateStep> curve = List.of(
                new LoadDetails.RateStep(1000, 1000, 2, 0, true),
                new LoadDetails.RateStep(2000, 1990, 2.5, 0, true),
                new LoadDetails.RateStep(4000, 2300, 40, 0, false),
                new LoadDetails.RateStep(3000, 2950, 9, 0, true),
                new LoadDetails.RateStep(3500, 2900, 30, 0, false));
        RunResult r = run(null, load(10, 0, 1, 2, 100, 100, 0, List.of(), curve));
        RunReport report = RunReport.of(r);
        String summary = "loop: findMaxRate: max rate meeting the SLO 3000/s; 3500/s did not: the knee lies between"
                + " (5 steps)";
        assertThat(report.notes()).contains(summary);
        assertThat(TextWriter.run(r, report)).contains(summary);
        String md = MarkdownRun.run(r);
        assertThat(md).contains("#### loop: findMaxRate curve");
        int[] at = java.util.stream.IntStream.of(1000, 2000, 3000, 3500, 4000)
                .map(rate -> md.indexOf("| " + rate + " | "))
                .toArray();
        assertThat(at).isSorted().doesNotContain(-1);
    }
}
