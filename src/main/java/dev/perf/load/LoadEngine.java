package dev.perf.load;

import dev.perf.host.HostSampler;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.suite.LoadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadPlan}: warm-up (not recorded), the measured loop with a time-series tick every second
 * and a pause detector, then the metrics, counters, histograms and SLO verdicts as a {@link
 * BenchmarkResult}. {@link #stop()} may be called from another thread (an interrupt).
 */
public final class LoadEngine {
    /** Dispatcher lateness p99 above this means the generator could not keep up. */
    static final long GENERATOR_LAG_LIMIT_NANOS = 5_000_000;
    /** A stall of the whole JVM longer than this makes results inconclusive. */
    static final long PAUSE_LIMIT_NANOS = 100_000_000;

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final int shard;
    private final int shards;

    /** An engine for whole runs. */
    public LoadEngine() {
        this(0, 1);
    }

    /**
     * An engine for shard {@code shard} (0-based) of {@code shards}: it sends a striped slice of each
     * schedule and, for the closed model, its share of the users.
     */
    public LoadEngine(int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards);
        }
        this.shard = shard;
        this.shards = shards;
    }

    /** This shard's share of {@code users}: they are dealt out like the operations of a schedule. */
    private int users(int users) {
        return users / shards + (shard < users % shards ? 1 : 0);
    }

    /** Stops the running loop early; what was measured so far is still returned. */
    public void stop() {
        stopped.set(true);
    }

    /** Runs {@code plan}, reporting progress each second to {@code listener}. */
    public BenchmarkResult run(LoadPlan plan, LoadListener listener) {
        LoadSpec spec = plan.spec();
        Workload workload = instantiate(plan);
        try {
            workload.setUp(
                    spec.target().java() == null
                            ? Map.of()
                            : spec.target().java().params());
        } catch (Exception e) {
            return failed(plan, "setUp failed: " + e);
        }
        try {
            LoadSpec.Pattern p = spec.load();
            int maxInFlight = p.maxInFlight() == null ? 16 : p.maxInFlight();
            long timeout = p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos();
            if (plan.warmupNanos() > 0 && !stopped.get()) {
                LoadDriver warm = new LoadDriver();
                LoadRecorder discard = new LoadRecorder();
                if (p.closed()) {
                    warm.runClosed(
                            workload,
                            Math.max(1, users(p.users())),
                            think(p),
                            timeout,
                            discard,
                            System.nanoTime() + plan.warmupNanos());
                } else {
                    RateProfile warmProfile =
                            RateProfile.constant(Math.max(1, plan.initialRatePerSec() / shards), plan.warmupNanos());
                    warm.runOpen(
                            new Schedule(warmProfile, 0, 1, null),
                            workload,
                            maxInFlight,
                            timeout,
                            discard,
                            System.nanoTime(),
                            stopped::get);
                }
            }
            return measure(plan, workload, maxInFlight, timeout, listener);
        } finally {
            try {
                workload.tearDown();
            } catch (Exception ignored) {
                // the measurement is complete; a failing tear-down must not lose it
            }
        }
    }

    private BenchmarkResult measure(
            LoadPlan plan, Workload workload, int maxInFlight, long timeout, LoadListener listener) {
        LoadSpec spec = plan.spec();
        LoadSpec.Pattern p = spec.load();
        LoadRecorder rec = new LoadRecorder();
        LoadDriver driver = new LoadDriver();
        PauseDetector pauses = new PauseDetector();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perf-load-ticker");
            t.setDaemon(true);
            return t;
        });
        long totalSeconds = Math.max(1, (plan.durationNanos() + 999_999_999L) / 1_000_000_000L);
        // Samplers start before the clock does: OSHI's first look at the machine takes a second.
        pauses.start();
        LoadSpec.Monitor monitor = spec.monitor();
        HostSampler host =
                HostSampler.start(monitor == null ? null : monitor.pid(), monitor == null ? null : monitor.process());
        long allocatedBefore = allocatedBytes();
        long base = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        AtomicLong ticks = new AtomicLong();
        ticker.scheduleAtFixedRate(
                () -> {
                    rec.tick(1.0);
                    long n = ticks.incrementAndGet();
                    List<LoadDetails.Second> s = rec.seconds();
                    LoadDetails.Second last = s.get(s.size() - 1);
                    listener.loadSecond(
                            spec.name(), n, totalSeconds, last.ratePerSec(), last.p99Micros(), rec.failures());
                },
                1,
                1,
                TimeUnit.SECONDS);
        long end = base + plan.durationNanos();
        List<LoadDetails.HostSample> hostSamples;
        try {
            if (p.closed()) {
                driver.runClosed(workload, Math.max(1, users(p.users())), think(p), timeout, rec, end);
            } else {
                driver.runOpen(
                        new Schedule(plan.profile(), shard, shards, p.poissonSeed()),
                        workload,
                        maxInFlight,
                        timeout,
                        rec,
                        base,
                        () -> stopped.get() || System.nanoTime() > end + timeout);
            }
        } finally {
            ticker.shutdownNow();
            pauses.stop();
            hostSamples = host.stop();
        }
        long elapsed = System.nanoTime() - base;
        long allocated = allocatedBytes() - allocatedBefore;
        double partial = (elapsed - ticks.get() * 1e9) / 1e9;
        rec.tick(Math.max(0, partial));
        // Counters in an order that keeps the invariants: completions before sends before schedules.
        long ok = rec.ok.sum();
        long errors = rec.errors.sum();
        long httpErrors = rec.httpErrors.sum();
        long ioErrors = rec.ioErrors.sum();
        long timeouts = rec.timeouts.sum();
        long sent = rec.sent.sum();
        long dropped = rec.dropped.sum();
        long scheduled = p.closed() ? sent : sent + dropped;
        long failures = errors + httpErrors + ioErrors + timeouts;
        long inFlight = sent - ok - failures;
        Map<String, Long> statusClasses = new LinkedHashMap<>();
        for (int c = 1; c <= 5; c++) {
            if (rec.statusClasses.get(c) > 0) {
                statusClasses.put(c + "xx", rec.statusClasses.get(c));
            }
        }
        Throwable first = driver.firstError.get();
        String firstError = first == null ? null : (first.getMessage() != null ? first.getMessage() : first.toString());
        LoadDetails.Counters counters = new LoadDetails.Counters(
                scheduled,
                sent,
                dropped,
                ok,
                errors,
                httpErrors,
                ioErrors,
                timeouts,
                inFlight,
                statusClasses,
                firstError);

        Histogram response = rec.totalResponse();
        double seconds = Math.min(elapsed, plan.durationNanos()) / 1e9;
        Map<String, Double> overall =
                new LinkedHashMap<>(LoadDetails.overallOf(response, rec.totalLag(), counters, seconds));
        overall.put("allocBytesPerOp", allocated < 0 || sent == 0 ? Double.NaN : (double) allocated / sent);

        String bound = generatorBound(driver, pauses, p.closed());
        if (bound == null) {
            bound = HostSampler.saturation(hostSamples);
        }
        List<LoadDetails.Second> series = rec.seconds();
        long mine = plan.profile() == null ? 0 : (plan.profile().operations() - shard + shards - 1) / shards;
        double targetRate = plan.profile() == null ? Double.NaN : mine / (plan.durationNanos() / 1e9);
        LoadDetails details = new LoadDetails(
                p.closed() ? "closed" : "open",
                spec.target().describe(),
                targetRate,
                plan.durationNanos(),
                plan.warmupNanos(),
                counters,
                overall,
                "per-second windows",
                series,
                new LoadDetails.Histograms(
                        dev.perf.result.HistogramCodec.encode(response),
                        dev.perf.result.HistogramCodec.encode(rec.totalService()),
                        dev.perf.result.HistogramCodec.encode(rec.totalLag())),
                hostSamples,
                SloJudge.judge(spec.targets(), overall, bound),
                bound != null,
                bound,
                startedAt,
                List.of());
        List<Metric> metrics = metrics(series, overall);
        String error = null;
        if (firstError != null && ok == 0) {
            error = firstError + ": " + failures + " of " + sent + " requests failed";
        }
        return new BenchmarkResult(
                spec.name(),
                "load",
                null,
                Map.of(),
                error == null ? BenchmarkResult.Status.ok : BenchmarkResult.Status.failed,
                error,
                error == null ? metrics : List.of(),
                details);
    }

    /** Per-second windows as samples; the exact whole-run values are in {@code LoadDetails.overall}. */
    public static List<Metric> metrics(List<LoadDetails.Second> series, Map<String, Double> overall) {
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (LoadDetails.Second s : series) {
            if (s.ratePerSec() > 0) {
                rates.add(s.ratePerSec());
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

    private static String generatorBound(LoadDriver driver, PauseDetector pauses, boolean closed) {
        if (pauses.maxPauseNanos() > PAUSE_LIMIT_NANOS) {
            return String.format(
                    java.util.Locale.ROOT,
                    "the JVM stalled for %.0f ms (GC or the machine)",
                    pauses.maxPauseNanos() / 1e6);
        }
        Histogram late = driver.dispatchLateness;
        if (!closed && late.getTotalCount() > 0 && late.getValueAtPercentile(99) > GENERATOR_LAG_LIMIT_NANOS) {
            return String.format(
                    java.util.Locale.ROOT,
                    "the generator started operations late: lateness p99 %.1f ms is above %.0f ms",
                    late.getValueAtPercentile(99) / 1e6,
                    GENERATOR_LAG_LIMIT_NANOS / 1e6);
        }
        return null;
    }

    /** Bytes allocated by all threads of this JVM so far (HotSpot), or −1 when unavailable. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemoryEnabled()) {
            return hotspot.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    private static long think(LoadSpec.Pattern p) {
        return p.thinkTime() == null ? 0 : p.thinkTime().toNanos();
    }

    private static Workload instantiate(LoadPlan plan) {
        LoadSpec.Pattern p = plan.spec().load();
        if (plan.spec().target().http() != null) {
            LoadSpec.HttpTarget h = plan.spec().target().http();
            return new HttpWorkload(
                    plan.httpUri(),
                    h.method(),
                    h.headers(),
                    h.body(),
                    h.expectStatus(),
                    p.maxInFlight() == null ? 16 : p.maxInFlight(),
                    h.connectTimeout() == null ? 5000 : h.connectTimeout().toMillis(),
                    p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos());
        }
        if (plan.spec().target().exec() != null) {
            return new ExecWorkload(
                    plan.spec().target().exec().command(),
                    plan.baseDir(),
                    p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos());
        }
        try {
            return plan.workloadClass().getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw PerfException.badInput("load " + plan.spec().name() + ": cannot create "
                    + plan.workloadClass().getName() + ": " + e);
        }
    }

    private static BenchmarkResult failed(LoadPlan plan, String error) {
        return new BenchmarkResult(
                plan.spec().name(), "load", null, Map.of(), BenchmarkResult.Status.failed, error, List.of());
    }
}
