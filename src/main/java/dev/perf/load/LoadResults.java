package dev.perf.load;

import dev.perf.host.HostSampler;
import dev.perf.load.drive.Driver;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.record.PauseDetector;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.GeneratorBound;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.MonitoredProcess;
import dev.perf.suite.LoadSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns what a measured loop recorded into its {@link BenchmarkResult}: counters in an order that keeps their
 * invariants, the exact whole-run values, per-second metrics, the generator's health and whether it could not
 * keep up, and the SLO verdicts.
 */
public final class LoadResults {
    private LoadResults() {}

    /** Dispatcher lateness p99 above this means the generator could not keep up. */
    static final long GENERATOR_LAG_LIMIT_NANOS = 5_000_000;

    /** Event loops busier than this share of the time are the limit of an open-model run. */
    static final double BUSY_LIMIT = 0.90;

    /** A stall of the whole JVM longer than this makes results inconclusive. */
    static final long PAUSE_LIMIT_NANOS = 100_000_000;

    /** Lateness below this share of the response-time p99 does not distort the measurement. */
    static final double LATENESS_SHARE = 0.10;

    static String message(Throwable t) {
        return t == null ? null : (t.getMessage() != null ? t.getMessage() : t.toString());
    }

    /** The counters of {@code rec}, in an order that keeps the invariants: completions, sends, schedules. */
    static LoadDetails.Counters counters(LoadRecorder rec, boolean closed, String firstError) {
        long ok = rec.ok();
        long errors = rec.errors();
        long httpErrors = rec.httpErrors();
        long ioErrors = rec.ioErrors();
        long timeouts = rec.timeouts();
        long sent = rec.sent();
        long dropped = rec.dropped();
        long scheduled = closed ? sent : sent + dropped;
        long failures = errors + httpErrors + ioErrors + timeouts;
        Map<String, Long> statusClasses = new LinkedHashMap<>();
        for (int c = 1; c <= 5; c++) {
            long n = rec.statusClass(c);
            if (n > 0) {
                statusClasses.put(c + "xx", n);
            }
        }
        return new LoadDetails.Counters(
                scheduled,
                sent,
                dropped,
                ok,
                errors,
                httpErrors,
                ioErrors,
                timeouts,
                sent - ok - failures,
                statusClasses,
                firstError,
                rec.checks());
    }

    /**
     * What every result of one measurement shares: the loop's and, for a mix, each entry's.
     *
     * @param closed whether it ran the closed model
     * @param durationNanos the measured duration asked for
     * @param warmupNanos the warm-up before it
     * @param seconds the seconds that the rates are over (the schedule's, and any overrun after it)
     * @param bound why the generator, not the target, set the pace; null when it did not
     * @param startedAt when the measurement started
     */
    record Measured(
            boolean closed, long durationNanos, long warmupNanos, double seconds, String bound, Instant startedAt) {}

    /**
     * One result's own part of a measurement.
     *
     * @param name the result's name
     * @param target what it sent to, for the result's target line
     * @param targetRate the rate its schedule asked for, /s (NaN: the closed model)
     * @param allocated bytes the JVM allocated on its behalf, −1 when unknown
     * @param taken the machine's and monitored processes' samples (the loop's only)
     * @param slos the SLOs it is judged by (the loop's only)
     * @param firstError its first failure's message, or null
     * @param generator the generator's own figures (the loop's only)
     */
    record Part(
            String name,
            String target,
            double targetRate,
            long allocated,
            HostSampler.Taken taken,
            Map<String, LoadSpec.Slo> slos,
            String firstError,
            Map<String, Double> generator) {
        /** An entry of a mix: no samples, SLOs, error message or generator figures of its own. */
        static Part entry(String name, String target, double targetRate, long allocated) {
            return new Part(name, target, targetRate, allocated, HostSampler.Taken.NONE, Map.of(), null, Map.of());
        }
    }

    static BenchmarkResult result(Measured measured, Part part, LoadRecorder rec) {
        boolean closed = measured.closed();
        String firstError = part.firstError();
        HostSampler.Taken taken = part.taken();
        String bound = measured.bound();
        double seconds = measured.seconds();
        long allocated = part.allocated();
        LoadDetails.Counters counters = counters(rec, closed, firstError);
        Histogram response = rec.totalResponse();
        Map<String, Double> overall =
                new LinkedHashMap<>(LoadDetails.overallOf(response, rec.totalLag(), counters, seconds));
        overall.putAll(part.generator());
        List<LoadDetails.HostSample> host = taken.host();
        long partial =
                host.isEmpty() ? Long.MAX_VALUE : host.get(host.size() - 1).second();
        List<MonitoredProcess> monitors =
                taken.monitors().stream().map(m -> Trends.of(m, partial)).toList();
        overall.putAll(Trends.of(rec.seconds(), monitors));
        long sent = counters.sent();
        overall.put("allocBytesPerOp", allocated < 0 || sent == 0 ? Double.NaN : (double) allocated / sent);
        List<LoadDetails.Second> series = rec.seconds();
        LoadDetails details = LoadDetails.builder(closed ? "closed" : "open", counters)
                .target(part.target())
                .targetRatePerSec(part.targetRate())
                .durationNanos(measured.durationNanos())
                .warmupNanos(measured.warmupNanos())
                .overall(overall)
                .samplesAre("per-second windows")
                .timeSeries(series)
                .histograms(new LoadDetails.Histograms(
                        HistogramCodec.encode(response),
                        HistogramCodec.encode(rec.totalService()),
                        HistogramCodec.encode(rec.totalLag())))
                .host(host)
                .targets(SloJudge.judge(part.slos(), overall, GeneratorBound.of(bound, closed, counters, overall)))
                .generatorBound(bound != null)
                .generatorBoundReason(bound)
                .startedAt(measured.startedAt())
                .monitors(monitors)
                .build();
        String error = null;
        if (firstError != null && counters.ok() == 0) {
            error = firstError + ": " + counters.failures() + " of " + sent + " requests failed";
        }
        return new BenchmarkResult(
                part.name(),
                "load",
                null,
                Map.of(),
                error == null ? BenchmarkResult.Status.ok : BenchmarkResult.Status.failed,
                error,
                error == null ? metrics(series, overall) : List.of(),
                details);
    }

    /** Per-second windows as samples; the exact whole-run values are in {@code LoadDetails.overall}. */
    public static List<Metric> metrics(List<LoadDetails.Second> series, Map<String, Double> overall) {
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (LoadDetails.Second s : series) {
            rates.add(s.ratePerSec()); // a second in which nothing completed is a window of rate 0
            if (!Double.isNaN(s.p99Micros())) {
                p50.add(s.p50Micros() / 1e3);
                p99.add(s.p99Micros() / 1e3);
            }
        }
        List<Metric> out = new ArrayList<>();
        out.add(Metric.of("throughput", "ops/s", Better.HIGHER, List.of(rates)));
        out.add(Metric.of("p50", "ms", Better.LOWER, List.of(p50)));
        out.add(Metric.of("p99", "ms", Better.LOWER, List.of(p99)));
        out.add(Metric.of("errorRate", "%", Better.LOWER, List.of(List.of(overall.get("errorRate")))));
        return out;
    }

    /**
     * The two parts of the open model's wait before a send, p99 in ms: {@code dispatchLateness.p99} (the
     * generator reached the intended time late while a slot was free: its own health, what {@code
     * generatorBound} judges) and {@code queueWait.p99} (every slot was busy: the target's doing, part of the
     * response time). Empty for the closed model and synchronous workloads, which do not dispatch.
     */
    static Map<String, Double> generatorHealth(Driver.Outcome outcome) {
        Histogram lateness = outcome.lateness();
        Histogram queueWait = outcome.queueWait();
        double busy = outcome.busy();
        if (lateness.getTotalCount() == 0) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Double.isNaN(busy)) {
            out.put("generatorBusy", 100 * busy);
        }
        out.put("dispatchLateness.p99", lateness.getValueAtPercentile(99) / 1e6);
        out.put("queueWait.p99", queueWait.getTotalCount() == 0 ? 0.0 : queueWait.getValueAtPercentile(99) / 1e6);
        return out;
    }

    /**
     * Why the generator could not keep up, or null: the JVM stalled, its event loops were busy over {@link
     * #BUSY_LIMIT}, or they reached their operations
     * late — p99 lateness above {@link #GENERATOR_LAG_LIMIT_NANOS} and above {@link #LATENESS_SHARE} of the
     * response-time p99. Below that share the lateness does not change what was measured: after a 1 s
     * stall of the target (p99 900 ms) a busy 2-core machine delayed 1 % of sends by 6 ms, which is noise
     * in that p99, not a reason to make every SLO verdict inconclusive.
     */
    static String generatorBound(
            Histogram late, double busy, PauseDetector pauses, boolean closed, double responseP99Nanos) {
        if (pauses.maxPauseNanos() > PAUSE_LIMIT_NANOS) {
            return String.format(
                    Locale.ROOT, "the JVM stalled for %.0f ms (GC or the machine)", pauses.maxPauseNanos() / 1e6);
        }
        if (!closed && busy > BUSY_LIMIT) {
            return String.format(
                    Locale.ROOT,
                    "the generator's event loops were busy %.0f%% of the time (above %.0f%%): they, not the target,"
                            + " set the pace",
                    100 * busy,
                    100 * BUSY_LIMIT);
        }
        double lateP99 = late.getTotalCount() == 0 ? 0 : late.getValueAtPercentile(99);
        if (!closed && lateP99 > GENERATOR_LAG_LIMIT_NANOS && lateP99 > LATENESS_SHARE * responseP99Nanos) {
            return String.format(
                    Locale.ROOT,
                    "the generator started operations late: lateness p99 %.1f ms is above %.0f ms and above %.0f%%"
                            + " of the response-time p99 (%.1f ms)",
                    lateP99 / 1e6,
                    GENERATOR_LAG_LIMIT_NANOS / 1e6,
                    LATENESS_SHARE * 100,
                    responseP99Nanos / 1e6);
        }
        return null;
    }
}
