package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.RunResult;
import dev.perf.stats.Diagnostics;
import dev.perf.suite.SloKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule-based advice on a run: each recommendation names what it is about, what to do, and the evidence
 * (the numbers that triggered it). Rules and limits are constants here so that the docs can cite them.
 * Pure and thread-safe.
 */
public final class Recommendations {
    /** CPU above this during a load loop means the loop was CPU-bound (the service or the generator). */
    public static final double CPU_SATURATED_PERCENT = 90;
    /** Error rate above this, %. */
    public static final double ERROR_RATE_PERCENT = 1;
    /** p99 / p50 above this is a heavy tail. */
    public static final double TAIL_RATIO = 10;
    /**
     * A tail below this p99 (ms) is within one or two scheduler slices of a busy machine (Linux CFS slices run
     * to several ms when cores are shared): jitter, not a finding about the service.
     */
    public static final double TAIL_FLOOR_MS = 10;
    /** Coefficient of variation of JMH scores above this means a noisy measurement. */
    public static final double NOISY_CV = 0.10;
    /** Allocation per operation at or above this, bytes. */
    public static final double HIGH_ALLOC_BYTES = 1024;
    /** An SLO whose current value is within this fraction of its limit is close to breaking. */
    public static final double SLO_MARGIN = 0.10;
    /** One-minute load average above this many per logical core at the start means a busy machine. */
    public static final double BUSY_LOAD_PER_CORE = 1.0;

    private Recommendations() {}

    /** A leak is called only when the memory grew by at least this much over the measured windows. */
    static final double LEAK_MIN_BYTES = 10e6;

    /** ... and by at least this share of the process's median RSS. */
    static final double LEAK_MIN_SHARE = 0.05;

    /**
     * One recommendation.
     *
     * @param severity {@code warning} (likely wrong or about to break) or {@code info} (worth a look)
     * @param subject the benchmark it is about, or {@code environment}
     * @param advice what it means and what to do
     * @param evidence the numbers behind it
     */
    public record Recommendation(String severity, String subject, String advice, String evidence) {}

    /** Every recommendation for {@code result}: environment first, then benchmarks in run order. */
    public static List<Recommendation> of(RunResult result) {
        List<Recommendation> out = new ArrayList<>();
        environment(result.environment(), out);
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.status() != BenchmarkResult.Status.ok) {
                continue;
            }
            if (b.load() != null) {
                load(b.displayName(), b.load(), out);
                pool(b, result.benchmarks(), out);
            } else {
                jmh(b, out);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A connection's acquisition at or above this share of the operation's mean means the pool is short. The
     * means, not the medians: a pool need not be fair, and a thread that gets its connection back at once can
     * hide the others' waits from the median.
     */
    static final double POOL_SHARE = 0.5;

    /** ... when the acquisition's mean is at least this, ms (a hand-off to a thread is not a wait). */
    static final double POOL_WAIT_MS = 1.0;

    /**
     * An sql loop whose operations spend half their time or more waiting for a pooled connection: the pool, not the
     * database, sets the pace. Read from the loop's {@code acquire} part beside the loop.
     */
    private static void pool(BenchmarkResult acquire, List<BenchmarkResult> all, List<Recommendation> out) {
        String name = acquire.name();
        if (!name.endsWith("/acquire") || !acquire.load().target().startsWith("sql:acquire")) {
            return;
        }
        String loopName = name.substring(0, name.length() - "/acquire".length());
        for (BenchmarkResult loop : all) {
            if (loop.load() == null
                    || !loop.name().equals(loopName)
                    || !loop.params().equals(acquire.params())) {
                continue;
            }
            double wait = acquire.load().overall().getOrDefault("mean", Double.NaN);
            double whole = loop.load().overall().getOrDefault("mean", Double.NaN);
            if (!(wait >= POOL_WAIT_MS && wait >= POOL_SHARE * whole)) {
                return;
            }
            String target = loop.load().target();
            int at = target.lastIndexOf("(pool ");
            String size = at < 0 ? "" : " (now " + target.substring(at + 6, target.length() - 1) + ")";
            out.add(new Recommendation(
                    "warning",
                    loop.displayName(),
                    "pool exhausted: operations spend most of their time waiting for a connection, so the pool,"
                            + " not the database, sets the pace; raise sql.pool" + size
                            + " if the database has room, or lower the concurrency",
                    String.format(
                            Locale.ROOT,
                            "acquisition mean %.3f ms of %.3f ms (%.0f %%), p99 %.3f ms of %.3f ms",
                            wait,
                            whole,
                            100 * wait / whole,
                            acquire.load().overall().getOrDefault("p99", Double.NaN),
                            loop.load().overall().getOrDefault("p99", Double.NaN))));
            return;
        }
    }

    private static void environment(Environment env, List<Recommendation> out) {
        if (env == null) {
            return;
        }
        if (env.governor() != null
                && !env.governor().isBlank()
                && !env.governor().equals("performance")) {
            out.add(new Recommendation(
                    "info",
                    "environment",
                    "the CPU frequency governor is not 'performance': clock changes add noise; set it with"
                            + " cpupower frequency-set -g performance on benchmark machines",
                    "governor " + env.governor()));
        }
        if (env.loadAverage1m() != null && env.logicalCores() != null && env.logicalCores() > 0) {
            // the 1-minute average lags: a build that just finished leaves it high on a machine now idle, so
            // only more runnable work than cores counts as busy
            double perCore = env.loadAverage1m() / env.logicalCores();
            if (perCore > BUSY_LOAD_PER_CORE) {
                out.add(new Recommendation(
                        "warning",
                        "environment",
                        "the machine was busy when the run started: other work competes with the benchmarks;"
                                + " rerun on a quiet machine",
                        String.format(
                                Locale.ROOT,
                                "load average %.2f on %d logical cores",
                                env.loadAverage1m(),
                                env.logicalCores())));
            }
        }
        if (env.jvm() != null) {
            for (String arg : env.jvm().args()) {
                if (arg.startsWith("-agentlib:jdwp") || arg.equals("-Xdebug") || arg.startsWith("-Xrunjdwp")) {
                    out.add(new Recommendation(
                            "warning",
                            "environment",
                            "a debugger agent was enabled on the JVM: it slows code down; run without it",
                            "JVM flag " + arg));
                } else if (arg.startsWith("-javaagent:") || arg.startsWith("-agentpath:")) {
                    out.add(new Recommendation(
                            "info",
                            "environment",
                            "a Java agent was loaded: instrumentation can change what is measured",
                            "JVM flag " + arg));
                }
            }
        }
    }

    private static void jmh(BenchmarkResult b, List<Recommendation> out) {
        Metric score = b.metric("score").orElse(null);
        if (score != null) {
            // the fork is the replicate: noise between forks is what makes a comparison inconclusive
            double[] forks = score.samples().stream()
                    .filter(g -> !g.isEmpty())
                    .mapToDouble(g -> g.stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElse(Double.NaN))
                    .toArray();
            double cv = Diagnostics.cv(forks);
            if (cv > NOISY_CV) {
                out.add(new Recommendation(
                        "warning",
                        b.displayName(),
                        "noisy measurement: add forks (the full profile) or quiet the machine before trusting"
                                + " small changes",
                        String.format(Locale.ROOT, "CV %.1f %% between %d forks", 100 * cv, forks.length)));
            }
        }
        b.metric("gc.alloc.rate.norm").ifPresent(alloc -> {
            double bytes = alloc.summary().mean();
            if (bytes >= HIGH_ALLOC_BYTES) {
                out.add(new Recommendation(
                        "info",
                        b.displayName(),
                        "high allocation per operation: GC work grows with it; profile with"
                                + " 'perf profile --jmh ... --mode alloc' to find the allocation sites",
                        String.format(Locale.ROOT, "%.0f B/op allocated", bytes)));
            }
        });
    }

    private static void load(String name, LoadDetails d, List<Recommendation> out) {
        Map<String, Double> o = d.overall();
        double[] cpu = LoadDetails.HostSample.wholeSeconds(d.host()).stream()
                .mapToDouble(LoadDetails.HostSample::cpuPercent)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        double cpuPeak = cpu.length == 0 ? Double.NaN : cpu[cpu.length - 1];
        // saturated for most of the run, not for one busy second (JIT, GC, a neighbour)
        double cpuMedian = cpu.length == 0 ? Double.NaN : cpu[cpu.length / 2];
        if (cpuMedian > CPU_SATURATED_PERCENT) {
            double perfPeak = LoadDetails.HostSample.wholeSeconds(d.host()).stream()
                    .mapToDouble(LoadDetails.HostSample::perfCpuPercent)
                    .filter(v -> !Double.isNaN(v))
                    .max()
                    .orElse(Double.NaN);
            out.add(new Recommendation(
                    "warning",
                    name,
                    "the CPU was saturated: the service or the load generator is CPU-bound, so latency includes"
                            + " queueing for the CPU; run the generator on another machine or lower the rate",
                    String.format(
                            Locale.ROOT,
                            "system CPU %.1f %% in the median second, %.1f %% at peak (perf itself %.1f %% of a"
                                    + " core)%s",
                            cpuMedian,
                            cpuPeak,
                            perfPeak,
                            d.generatorBound() ? "; generator-bound: " + d.generatorBoundReason() : "")));
        }
        double overrun = o.getOrDefault("overrun", 0.0);
        if (overrun > 0) {
            double asked = d.targetRatePerSec();
            out.add(new Recommendation(
                    "warning",
                    name,
                    "the target could not keep up: the loop kept completing operations past its schedule, so its"
                            + " throughput is what the target carried over the time the work took, and the latency"
                            + " includes the wait of the backlog; lower the rate or find the bottleneck",
                    String.format(
                            Locale.ROOT,
                            "%.1f s past a %.1f s schedule; %.0f/s carried%s",
                            overrun,
                            d.durationNanos() / 1e9,
                            o.getOrDefault("throughput", Double.NaN),
                            asked > 0 ? String.format(Locale.ROOT, " of %.0f/s asked", asked) : "")));
        }
        double errorRate = o.getOrDefault("errorRate", 0.0);
        if (errorRate > ERROR_RATE_PERCENT) {
            out.add(new Recommendation(
                    "warning",
                    name,
                    "many operations failed: latency of failures is not the latency of the service; fix the"
                            + " errors first",
                    String.format(
                                    Locale.ROOT,
                                    "error rate %.2f %% (%d of %d)",
                                    errorRate,
                                    d.counters().failures(),
                                    d.counters().sent())
                            + (d.counters().firstError() == null
                                    ? ""
                                    : ", first: " + d.counters().firstError())));
        }
        double p50 = o.getOrDefault("p50", Double.NaN);
        double p99 = o.getOrDefault("p99", Double.NaN);
        if (p50 > 0 && p99 / p50 > TAIL_RATIO && p99 >= TAIL_FLOOR_MS) {
            out.add(new Recommendation(
                    "info",
                    name,
                    "heavy latency tail: look for GC pauses, lock contention or queueing (perf profile --mode"
                            + " wall or lock)",
                    String.format(Locale.ROOT, "p99/p50 = %.1f (p50 %.3f ms, p99 %.3f ms)", p99 / p50, p50, p99)));
        }
        double achieved = o.getOrDefault("throughput", Double.NaN);
        if (d.counters().dropped() > 0
                || (!Double.isNaN(d.targetRatePerSec()) && achieved < 0.995 * d.targetRatePerSec())) {
            out.add(new Recommendation(
                    "warning",
                    name,
                    "the target rate was not reached: the system (or the connection pool) is saturated; raise"
                            + " maxInFlight / connections or find the knee with findMaxRate",
                    String.format(
                            Locale.ROOT,
                            "%.1f/s of %.1f/s, %d dropped",
                            achieved,
                            d.targetRatePerSec(),
                            d.counters().dropped())));
        }
        for (LoadDetails.TargetVerdict t : d.targets()) {
            if ("open".equals(d.model()) && t.metric().equals("throughput")) {
                continue; // an open loop sends exactly its rate: its throughput is the rate chosen, not headroom
            }
            nearLimit(name, t, out);
        }
        knee(name, d.curveByRate(), out);
        leak(name, d, out);
    }

    /**
     * The monitored process's memory grew: its Theil–Sen slope's 95 % interval is above zero and the growth over
     * the measured windows is material — at least {@link #LEAK_MIN_BYTES} and {@link #LEAK_MIN_SHARE} of its
     * median RSS — so a JVM sizing its heap in a short run is not called a leak.
     */
    private static void leak(String name, LoadDetails d, List<Recommendation> out) {
        List<MonitoredProcess> watched = MonitoredProcess.of(d);
        for (MonitoredProcess m : watched) {
            long[] rss = m.samples().stream()
                    .mapToLong(MonitoredProcess.Sample::rssBytes)
                    .filter(v -> v >= 0)
                    .sorted()
                    .toArray();
            String who = watched.size() == 1 ? "the monitored process" : "monitored " + m.title();
            leak(name, who, m.trends(), rss, out);
        }
    }

    private static void leak(String name, String who, Map<String, Double> o, long[] rss, List<Recommendation> out) {
        double slope = o.getOrDefault("rssGrowth", Double.NaN);
        double lower = o.getOrDefault("rssGrowth.lower", Double.NaN);
        double windows = o.getOrDefault("rssGrowth.windows", 0.0);
        if (Double.isNaN(slope) || !(lower > 0) || rss.length == 0) {
            return;
        }
        double grownBytes = slope * windows / 3600;
        if (grownBytes < LEAK_MIN_BYTES || grownBytes < LEAK_MIN_SHARE * rss[rss.length / 2]) {
            return;
        }
        out.add(new Recommendation(
                "warning",
                name,
                who + " kept growing: possible leak; profile its allocations (perf profile --pid PID --mode alloc)"
                        + " or run longer to see whether it levels off",
                String.format(
                        Locale.ROOT,
                        "%s grew %.1f MB/h (95 %% CI %.1f–%.1f) over %s (%d windows, Theil–Sen): %.1f MB on a median"
                                + " RSS of %.1f MB%s",
                        who,
                        slope / 1e6,
                        lower / 1e6,
                        o.getOrDefault("rssGrowth.upper", Double.NaN) / 1e6,
                        windows >= 120 ? String.format(Locale.ROOT, "%.0f min", windows / 60) : (long) windows + " s",
                        (long) windows,
                        grownBytes / 1e6,
                        rss[rss.length / 2] / 1e6,
                        heapNote(o))));
    }

    /**
     * What the Java heap in use did beside the RSS, when a JVM's heap was sampled (empty otherwise): whether
     * the heap explains the growth or most of it lies outside (native memory, direct buffers, threads).
     */
    private static String heapNote(Map<String, Double> o) {
        double heap = o.getOrDefault("heapGrowth", Double.NaN);
        if (Double.isNaN(heap)) {
            return "";
        }
        double rss = o.getOrDefault("rssGrowth", Double.NaN);
        double lower = o.getOrDefault("heapGrowth.lower", Double.NaN);
        double upper = o.getOrDefault("heapGrowth.upper", Double.NaN);
        String where = upper < 0.5 * rss
                ? ": most of the growth is outside the heap (native memory, direct buffers, threads)"
                : lower > 0.5 * rss ? ": the heap accounts for most of it" : "";
        return String.format(
                Locale.ROOT,
                "; its Java heap in use grew %.1f MB/h (95 %% CI %.1f–%.1f)%s",
                heap / 1e6,
                lower / 1e6,
                upper / 1e6,
                where);
    }

    /** An SLO that passes (or warns) by less than {@link #SLO_MARGIN} of the limit it meets. */
    private static void nearLimit(String name, LoadDetails.TargetVerdict t, List<Recommendation> out) {
        if (!(t.status().equals("pass") || t.status().equals("warn"))) {
            return;
        }
        String limitText = t.status().equals("pass") && t.target() != null ? t.target() : t.acceptable();
        if (limitText == null) {
            return;
        }
        SloKind kind;
        double limit;
        try {
            kind = SloKind.of(t.metric());
            limit = kind.value(limitText);
        } catch (RuntimeException e) {
            return;
        }
        if (!(limit > 0)) {
            return;
        }
        double headroom = kind.higherIsBetter() ? t.current() / limit - 1 : 1 - t.current() / limit;
        if (headroom >= 0 && headroom < SLO_MARGIN) {
            out.add(new Recommendation(
                    "warning",
                    name,
                    "SLO " + t.metric() + " is within " + Math.round(100 * SLO_MARGIN)
                            + " % of its limit: a small regression will breach it",
                    String.format(
                            Locale.ROOT,
                            "%s = %.3f %s against %s (%.1f %% headroom)",
                            t.metric(),
                            t.current(),
                            t.unit(),
                            limitText,
                            100 * headroom)));
        }
    }

    /** Throughput that stops growing while p99 keeps rising: the knee of a findMaxRate curve. */
    private static void knee(String name, List<LoadDetails.RateStep> byRate, List<Recommendation> out) {
        for (int i = 1; i < byRate.size(); i++) {
            LoadDetails.RateStep before = byRate.get(i - 1);
            LoadDetails.RateStep step = byRate.get(i);
            double askedGrowth = step.ratePerSec() / before.ratePerSec() - 1;
            double achievedGrowth = step.achievedPerSec() / before.achievedPerSec() - 1;
            if (askedGrowth > 0.05 && achievedGrowth < askedGrowth / 2 && step.p99Millis() > 1.5 * before.p99Millis()) {
                out.add(new Recommendation(
                        "info",
                        name,
                        "throughput plateaus while latency rises: this is the knee; plan capacity below it",
                        String.format(
                                Locale.ROOT,
                                "asking %.0f/s instead of %.0f/s gave %.0f/s instead of %.0f/s while p99 went from"
                                        + " %.3f ms to %.3f ms",
                                step.ratePerSec(),
                                before.ratePerSec(),
                                step.achievedPerSec(),
                                before.achievedPerSec(),
                                before.p99Millis(),
                                step.p99Millis())));
                return;
            }
        }
    }
}
