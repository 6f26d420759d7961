package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import dev.perf.stats.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a report says about one run, as data: the executive summary, the tables, the host peaks and the
 * recommendations. The Markdown and HTML writers render it and {@code perf report --format json} writes it
 * as it is ({@link #SCHEMA}). Immutable.
 *
 * @param schema {@link #SCHEMA}
 * @param summary the executive summary
 * @param environment the machine and JVM, null when the result does not say
 * @param jmh one row per JMH (or foreign) benchmark
 * @param load one row per load loop
 * @param slos one row per SLO target
 * @param hostPeaks one row per load loop with host samples
 * @param recommendations rule-based advice with evidence
 * @param failed benchmarks that failed, with the first line of their error
 */
public record RunReport(
        String schema,
        Overview summary,
        Environment environment,
        List<JmhRow> jmh,
        List<LoadRow> load,
        List<SloRow> slos,
        List<HostPeak> hostPeaks,
        List<Recommendations.Recommendation> recommendations,
        List<Failure> failed) {
    /**
     * What a generator-bound loop's SLO verdicts mean, before its reason (the notes of every format say it the
     * same way).
     */
    static final String GENERATOR_BOUND =
            "generator-bound (SLO verdicts inconclusive, but for latency targets missed by more than perf can have"
                    + " added): ";

    /** The schema of the JSON report. */
    public static final String SCHEMA = "perf-report/1";

    /**
     * The executive summary: what ran, where, how long, and how it went.
     *
     * @param suite suite name
     * @param profile profile name
     * @param runId run id
     * @param start wall-clock start
     * @param durationSeconds wall-clock duration, s
     * @param commit git commit, null outside a repository
     * @param dirty whether the working tree had changes, null outside a repository
     * @param shard shard of the run ({@code I/N}, {@code merged N}), null for a whole run
     * @param interrupted whether the run was stopped early
     * @param benchmarks number of benchmarks
     * @param jmhBenchmarks of which JMH (or foreign) benchmarks
     * @param loadLoops of which load loops
     * @param ok benchmarks that produced measurements
     * @param failed benchmarks that failed
     * @param sloPass SLO targets met
     * @param sloWarn SLO targets met only at their acceptable limit
     * @param sloFail SLO targets breached
     * @param sloInconclusive SLO targets that could not be judged
     * @param warnings recommendations of severity warning
     * @param host the machine in one line (CPU, threads, OS, JVM)
     */
    public record Overview(
            String suite,
            String profile,
            String runId,
            Instant start,
            double durationSeconds,
            String commit,
            Boolean dirty,
            String shard,
            boolean interrupted,
            int benchmarks,
            int jmhBenchmarks,
            int loadLoops,
            long ok,
            long failed,
            int sloPass,
            int sloWarn,
            int sloFail,
            int sloInconclusive,
            int warnings,
            String host) {}

    /**
     * A JMH benchmark.
     *
     * @param benchmark name with parameters
     * @param mode JMH mode
     * @param samples number of samples
     * @param score mean score
     * @param error half-width of the 99.9 % interval, NaN when there are too few samples
     * @param unit unit of the score
     * @param cvPercent coefficient of variation, %
     * @param allocBytesPerOp {@code gc.alloc.rate.norm}, NaN without the GC profiler
     */
    public record JmhRow(
            String benchmark,
            String mode,
            int samples,
            double score,
            double error,
            String unit,
            double cvPercent,
            double allocBytesPerOp) {}

    /**
     * A load loop, from its exact whole-run values.
     *
     * @param benchmark name
     * @param model open or closed
     * @param throughput achieved ops/s
     * @param targetRatePerSec scheduled rate, NaN for the closed model
     * @param p50Millis response-time median, ms
     * @param p95Millis p95, ms
     * @param p99Millis p99, ms
     * @param maxMillis maximum, ms
     * @param failures failed operations
     * @param errorRatePercent failed operations, % of those sent
     * @param dropped operations never sent
     * @param generatorBoundReason why the generator could not keep up, null when it could
     * @param search what a findMaxRate search found, in one line; null without one
     * @param curve the steps of a findMaxRate search in rate order; empty without one
     * @param aborted why the loop stopped early (an SLO with abortOnFail failed), null when it ran its course
     * @param monitorNotes monitored processes not found or that exited during the loop, one line each
     */
    public record LoadRow(
            String benchmark,
            String model,
            double throughput,
            double targetRatePerSec,
            double p50Millis,
            double p95Millis,
            double p99Millis,
            double maxMillis,
            long failures,
            double errorRatePercent,
            long dropped,
            String generatorBoundReason,
            String search,
            List<LoadDetails.RateStep> curve,
            String aborted,
            List<String> monitorNotes) {
        public LoadRow {
            curve = List.copyOf(curve);
            monitorNotes = monitorNotes == null ? List.of() : List.copyOf(monitorNotes);
        }
    }

    /**
     * An SLO target and its verdict.
     *
     * @param benchmark load loop
     * @param metric e.g. p99
     * @param target target as written, null if none
     * @param acceptable acceptable limit as written, null if none
     * @param current measured value in {@code unit}
     * @param unit ms, ops/s or %
     * @param status pass, warn, fail or inconclusive
     * @param reason why inconclusive, null otherwise
     */
    public record SloRow(
            String benchmark,
            String metric,
            String target,
            String acceptable,
            double current,
            String unit,
            String status,
            String reason) {}

    /**
     * The busiest the machine got during a load loop.
     *
     * @param benchmark load loop
     * @param cpuPercent system CPU, % of all cores
     * @param busiestCorePercent busiest core, %
     * @param loadAverage1m one-minute load average
     * @param perfCpuPercent perf's own CPU, % of one core
     * @param perfRssBytes perf's resident set size
     * @param monitoredCpuPercent the monitored process's CPU, % of one core (NaN without one)
     * @param monitoredRssBytes its resident set size (−1 without one)
     */
    public record HostPeak(
            String benchmark,
            double cpuPercent,
            double busiestCorePercent,
            double loadAverage1m,
            double perfCpuPercent,
            long perfRssBytes,
            double monitoredCpuPercent,
            long monitoredRssBytes) {}

    /**
     * A failed benchmark.
     *
     * @param benchmark name with parameters
     * @param error first line of its error
     */
    public record Failure(String benchmark, String error) {}

    public RunReport {
        jmh = List.copyOf(jmh);
        load = List.copyOf(load);
        slos = List.copyOf(slos);
        hostPeaks = List.copyOf(hostPeaks);
        recommendations = List.copyOf(recommendations);
        failed = List.copyOf(failed);
    }

    /**
     * Lines about load loops that did not reach their rate or could not be judged, as every writer shows
     * them (unescaped).
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (LoadRow r : load) {
            if (r.search() != null) {
                notes.add(r.benchmark() + ": " + r.search());
            }
            if (r.aborted() != null) {
                notes.add(r.benchmark() + ": " + r.aborted());
            }
            r.monitorNotes().forEach(n -> notes.add(r.benchmark() + ": " + n));
            if (!Double.isNaN(r.targetRatePerSec()) && r.throughput() < 0.995 * r.targetRatePerSec()) {
                notes.add(r.benchmark() + ": target rate not reached: " + Numbers.fixed(r.throughput(), 1) + "/s of "
                        + Numbers.fixed(r.targetRatePerSec(), 1) + "/s");
            }
            if (r.generatorBoundReason() != null) {
                notes.add(r.benchmark() + ": " + GENERATOR_BOUND + r.generatorBoundReason());
            }
        }
        return notes;
    }

    /** The report of {@code result}. Pure. */
    public static RunReport of(RunResult result) {
        List<JmhRow> jmh = new ArrayList<>();
        List<LoadRow> load = new ArrayList<>();
        List<SloRow> slos = new ArrayList<>();
        List<HostPeak> peaks = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        int loadLoops = 0;
        for (BenchmarkResult b : result.benchmarks()) {
            LoadDetails d = b.load();
            if (b.kind().equals("load")) {
                loadLoops++;
            }
            if (b.status() == BenchmarkResult.Status.failed) {
                failed.add(new Failure(b.displayName(), firstLine(b.error())));
            }
            if (d != null) {
                load.add(loadRow(b.displayName(), d));
                for (LoadDetails.TargetVerdict t : d.targets()) {
                    slos.add(new SloRow(
                            b.displayName(),
                            t.metric(),
                            t.target(),
                            t.acceptable(),
                            t.current(),
                            t.unit(),
                            t.status(),
                            t.reason()));
                }
                if (!d.host().isEmpty()) {
                    peaks.add(peak(b.displayName(), d.host()));
                }
            } else if (b.status() == BenchmarkResult.Status.ok) {
                // JMH's primary metric; for foreign formats (hyperfine, Go) their first metric
                b.metric("score")
                        .or(() -> b.metrics().stream().findFirst())
                        .ifPresent(score -> jmh.add(jmhRow(b, score)));
            }
        }
        List<Recommendations.Recommendation> recommendations = Recommendations.of(result);
        var run = result.run();
        Environment env = result.environment();
        Overview overview = new Overview(
                run.suite(),
                run.profile(),
                run.id(),
                run.start(),
                Duration.between(run.start(), run.end()).toMillis() / 1e3,
                run.git().commit(),
                run.git().dirty(),
                run.shard(),
                run.interrupted(),
                result.benchmarks().size(),
                result.benchmarks().size() - loadLoops,
                loadLoops,
                result.benchmarks().size() - result.failedCount(),
                result.failedCount(),
                count(slos, "pass"),
                count(slos, "warn"),
                count(slos, "fail"),
                count(slos, "inconclusive"),
                (int) recommendations.stream()
                        .filter(r -> r.severity().equals("warning"))
                        .count(),
                host(env));
        return new RunReport(SCHEMA, overview, env, jmh, load, slos, peaks, recommendations, failed);
    }

    private static JmhRow jmhRow(BenchmarkResult b, Metric score) {
        Summary s = score.summary();
        double cv = s.n() > 1 && s.mean() != 0 ? 100 * s.stddev() / Math.abs(s.mean()) : Double.NaN;
        double alloc =
                b.metric("gc.alloc.rate.norm").map(m -> m.summary().mean()).orElse(Double.NaN);
        return new JmhRow(b.displayName(), b.mode(), s.n(), s.mean(), s.ci().halfWidth(), score.unit(), cv, alloc);
    }

    private static LoadRow loadRow(String name, LoadDetails d) {
        Map<String, Double> o = d.overall();
        return new LoadRow(
                name,
                d.model(),
                o.getOrDefault("throughput", Double.NaN),
                d.targetRatePerSec(),
                o.getOrDefault("p50", Double.NaN),
                o.getOrDefault("p95", Double.NaN),
                o.getOrDefault("p99", Double.NaN),
                o.getOrDefault("max", Double.NaN),
                d.counters().failures(),
                o.getOrDefault("errorRate", Double.NaN),
                d.counters().dropped(),
                d.generatorBound() ? d.generatorBoundReason() : null,
                d.searchSummary(),
                d.curveByRate(),
                d.aborted(),
                d.monitors().stream()
                        .filter(m -> m.note() != null)
                        .map(m -> "monitor " + m.title() + ": " + m.note())
                        .toList());
    }

    private static HostPeak peak(String name, List<LoadDetails.HostSample> all) {
        // the final partial second reads CPU at tick granularity (perf at 110-167 % seen): CPU over whole seconds
        List<LoadDetails.HostSample> host = LoadDetails.HostSample.wholeSeconds(all);
        return new HostPeak(
                name,
                max(host, LoadDetails.HostSample::cpuPercent),
                max(host, LoadDetails.HostSample::busiestCorePercent),
                max(host, LoadDetails.HostSample::loadAverage1m),
                max(host, LoadDetails.HostSample::perfCpuPercent),
                all.stream() // memory is a level, not a rate: the last reading counts
                        .mapToLong(LoadDetails.HostSample::perfRssBytes)
                        .max()
                        .orElse(-1),
                max(host, LoadDetails.HostSample::monitoredCpuPercent),
                all.stream()
                        .mapToLong(LoadDetails.HostSample::monitoredRssBytes)
                        .max()
                        .orElse(-1));
    }

    private static double max(List<LoadDetails.HostSample> host, ToDoubleFunction<LoadDetails.HostSample> field) {
        return host.stream()
                .mapToDouble(field)
                .filter(v -> !Double.isNaN(v) && v >= 0)
                .max()
                .orElse(Double.NaN);
    }

    private static int count(List<SloRow> slos, String status) {
        return (int) slos.stream().filter(s -> s.status().equals(status)).count();
    }

    private static String host(Environment env) {
        if (env == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (env.cpuModel() != null) {
            parts.add(env.cpuModel() + (env.logicalCores() == null ? "" : ", " + env.logicalCores() + " threads"));
        }
        if (env.os() != null) {
            parts.add(env.os());
        }
        if (env.jvm() != null) {
            parts.add("JVM " + env.jvm().version());
        }
        return String.join(" · ", parts);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
