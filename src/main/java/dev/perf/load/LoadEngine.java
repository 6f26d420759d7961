package dev.perf.load;

import dev.perf.host.HostSampler;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Quantity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
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

    /** Runs {@code plan}, reporting progress each second to {@code listener}; the loop's result. */
    public BenchmarkResult run(LoadPlan plan, LoadListener listener) {
        return runAll(plan, listener).get(0);
    }

    /**
     * Runs {@code plan}: the loop's result first, then for a {@code mix:} one result per operation, named
     * {@code loop/operation}.
     */
    public List<BenchmarkResult> runAll(LoadPlan plan, LoadListener listener) {
        LoadSpec spec = plan.spec();
        LoadSpec.Pattern p = spec.load();
        int maxInFlight = p.maxInFlight() == null ? 16 : p.maxInFlight();
        long timeout = p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos();
        List<Workload> workloads = new ArrayList<>();
        try {
            for (LoadPlan.Operation op : plan.operations()) {
                Workload w = instantiate(plan, op);
                workloads.add(w);
                w.setUp(
                        op.target().java() == null
                                ? Map.of()
                                : op.target().java().params());
            }
        } catch (Exception e) {
            tearDown(workloads);
            return List.of(failed(plan, "setUp failed: " + e));
        }
        boolean mixedKinds = workloads.stream().anyMatch(Workload::async)
                && workloads.stream().anyMatch(w -> !w.async());
        ExecutorService syncPool = mixedKinds
                ? Executors.newFixedThreadPool(maxInFlight, r -> {
                    Thread t = new Thread(r, "perf-load-sync");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        try {
            Run run = new Run(plan, workloads, syncPool, maxInFlight, timeout, listener);
            if (plan.warmupNanos() > 0 && !stopped.get()) {
                run.warmUp();
            }
            if (spec.findMaxRate() != null) {
                return List.of(findMaxRate(run));
            }
            return measure(run, plan.profile(), plan.durationNanos());
        } finally {
            if (syncPool != null) {
                syncPool.shutdownNow();
            }
            tearDown(workloads);
        }
    }

    private static void tearDown(List<Workload> workloads) {
        for (Workload w : workloads) {
            try {
                w.tearDown();
            } catch (Exception ignored) {
                // the measurement is complete; a failing tear-down must not lose it
            }
        }
    }

    /** What every measurement of one loop shares. */
    private final class Run {
        final LoadPlan plan;
        final List<Workload> workloads;
        final Executor syncPool;
        final int maxInFlight;
        final long timeout;
        final LoadListener listener;
        final LoadSpec.Pattern pattern;

        Run(
                LoadPlan plan,
                List<Workload> workloads,
                Executor syncPool,
                int maxInFlight,
                long timeout,
                LoadListener listener) {
            this.plan = plan;
            this.workloads = workloads;
            this.syncPool = syncPool;
            this.maxInFlight = maxInFlight;
            this.timeout = timeout;
            this.listener = listener;
            this.pattern = plan.spec().load();
        }

        boolean mix() {
            return plan.spec().mix() != null;
        }

        /** The operations, recording into {@code recorders} per entry (null for one operation). */
        Operations operations(LoadRecorder[] recorders) {
            int[] weights = plan.operations().stream()
                    .mapToInt(LoadPlan.Operation::weight)
                    .toArray();
            return new Operations(workloads, weights, recorders, syncPool);
        }

        void warmUp() {
            LoadDriver warm = new LoadDriver();
            LoadRecorder discard = new LoadRecorder();
            Operations ops = operations(null);
            if (pattern.closed()) {
                warm.runClosed(
                        ops,
                        Math.max(1, users(pattern.users())),
                        think(pattern),
                        timeout,
                        discard,
                        System.nanoTime() + plan.warmupNanos());
            } else {
                double rate = plan.spec().findMaxRate() != null
                        ? Quantity.ratePerSec(plan.spec().findMaxRate().from())
                        : plan.initialRatePerSec();
                RateProfile warmProfile = RateProfile.constant(Math.max(1, rate / shards), plan.warmupNanos());
                warm.runOpen(
                        new Schedule(warmProfile, 0, 1, null),
                        ops,
                        maxInFlight,
                        timeout,
                        discard,
                        System.nanoTime(),
                        stopped::get);
            }
        }
    }

    /**
     * One measured loop at {@code profile} (null: the closed model) for {@code durationNanos}: the loop's
     * result, then one per operation of a mix.
     */
    private List<BenchmarkResult> measure(Run run, RateProfile profile, long durationNanos) {
        LoadSpec spec = run.plan.spec();
        LoadSpec.Pattern p = run.pattern;
        LoadRecorder rec = new LoadRecorder();
        LoadRecorder[] opRecs = null;
        if (run.mix()) {
            opRecs = new LoadRecorder[run.plan.operations().size()];
            for (int i = 0; i < opRecs.length; i++) {
                opRecs[i] = new LoadRecorder();
            }
        }
        LoadRecorder[] perOp = opRecs;
        Operations ops = run.operations(opRecs);
        LoadDriver driver = new LoadDriver();
        PauseDetector pauses = new PauseDetector();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perf-load-ticker");
            t.setDaemon(true);
            return t;
        });
        long totalSeconds = Math.max(1, (durationNanos + 999_999_999L) / 1_000_000_000L);
        // Samplers start before the clock does: OSHI's first look at the machine takes a second.
        pauses.start();
        LoadSpec.Monitor monitor = spec.monitor();
        HostSampler host =
                HostSampler.start(monitor == null ? null : monitor.pid(), monitor == null ? null : monitor.process());
        long allocatedBefore = allocatedBytes();
        long base = System.nanoTime();
        Instant startedAt = Instant.now();
        AtomicLong ticks = new AtomicLong();
        // the ticker is shut down below; the future would only tell of its cancellation
        var unusedTicks = ticker.scheduleAtFixedRate(
                () -> {
                    rec.tick();
                    if (perOp != null) {
                        for (LoadRecorder r : perOp) {
                            r.tick();
                        }
                    }
                    long n = ticks.incrementAndGet();
                    List<LoadDetails.Second> s = rec.seconds();
                    LoadDetails.Second last = s.get(s.size() - 1);
                    run.listener.loadSecond(
                            spec.name(), n, totalSeconds, last.ratePerSec(), last.p99Micros(), rec.failures());
                },
                1,
                1,
                TimeUnit.SECONDS);
        long end = base + durationNanos;
        List<LoadDetails.HostSample> hostSamples;
        try {
            if (p.closed()) {
                driver.runClosed(ops, Math.max(1, users(p.users())), think(p), run.timeout, rec, end);
            } else {
                driver.runOpen(
                        new Schedule(profile, shard, shards, p.poissonSeed()),
                        ops,
                        run.maxInFlight,
                        run.timeout,
                        rec,
                        base,
                        () -> stopped.get() || System.nanoTime() > end + run.timeout);
            }
        } finally {
            ticker.shutdownNow();
            pauses.stop();
            hostSamples = host.stop();
        }
        long elapsed = System.nanoTime() - base;
        long allocated = allocatedBytes() - allocatedBefore;
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS); // a tick under way finishes before the last ones
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Seconds that ran in full but whose tick had not fired when the loop ended (the last one of a run
        // usually) are windows too; what remains after them is the partial tail.
        // A loop that was not stopped ran its whole schedule (whose last fire time falls just short of the end).
        long measuredNanos = stopped.get() ? elapsed : Math.max(elapsed, durationNanos);
        long fullSeconds = Math.min(totalSeconds, measuredNanos / 1_000_000_000L);
        while (ticks.get() < fullSeconds) {
            rec.tick();
            if (perOp != null) {
                for (LoadRecorder r : perOp) {
                    r.tick();
                }
            }
            ticks.incrementAndGet();
        }
        double seconds = Math.min(elapsed, durationNanos) / 1e9;
        rec.closeTail();
        String bound = generatorBound(driver, pauses, p.closed());
        if (bound == null) {
            bound = HostSampler.saturation(hostSamples);
        }
        long mine = profile == null ? 0 : (profile.operations() - shard + shards - 1) / shards;
        double targetRate = profile == null ? Double.NaN : mine / (durationNanos / 1e9);
        String firstError = message(driver.firstError.get());
        List<BenchmarkResult> out = new ArrayList<>();
        out.add(result(
                spec.name(),
                rec,
                p.closed(),
                spec.mix() == null
                        ? spec.target().describe()
                        : "mix:"
                                + String.join(
                                        ",",
                                        run.plan.operations().stream()
                                                .map(o -> o.name() + "=" + o.weight())
                                                .toList()),
                targetRate,
                durationNanos,
                run.plan.warmupNanos(),
                seconds,
                allocated,
                hostSamples,
                spec.targets(),
                bound,
                startedAt,
                firstError,
                generatorHealth(driver, p.closed())));
        if (perOp != null) {
            long totalWeight = run.plan.operations().stream()
                    .mapToLong(LoadPlan.Operation::weight)
                    .sum();
            for (int i = 0; i < perOp.length; i++) {
                LoadPlan.Operation op = run.plan.operations().get(i);
                perOp[i].closeTail();
                // the JVM's allocation is not per operation: each entry gets its share by operations sent
                long sent = perOp[i].sent.sum();
                out.add(result(
                        spec.name() + "/" + op.name(),
                        perOp[i],
                        p.closed(),
                        op.target().describe(),
                        targetRate * op.weight() / totalWeight,
                        durationNanos,
                        run.plan.warmupNanos(),
                        seconds,
                        sent == 0 ? -1 : Math.round((double) allocated * sent / Math.max(1, rec.sent.sum())),
                        List.of(),
                        Map.of(),
                        bound,
                        startedAt,
                        null,
                        Map.of()));
            }
        }
        return out;
    }

    private static String message(Throwable t) {
        return t == null ? null : (t.getMessage() != null ? t.getMessage() : t.toString());
    }

    /** The counters of {@code rec}, in an order that keeps the invariants: completions, sends, schedules. */
    private static LoadDetails.Counters counters(LoadRecorder rec, boolean closed, String firstError) {
        long ok = rec.ok.sum();
        long errors = rec.errors.sum();
        long httpErrors = rec.httpErrors.sum();
        long ioErrors = rec.ioErrors.sum();
        long timeouts = rec.timeouts.sum();
        long sent = rec.sent.sum();
        long dropped = rec.dropped.sum();
        long scheduled = closed ? sent : sent + dropped;
        long failures = errors + httpErrors + ioErrors + timeouts;
        Map<String, Long> statusClasses = new LinkedHashMap<>();
        for (int c = 1; c <= 5; c++) {
            if (rec.statusClasses.get(c) > 0) {
                statusClasses.put(c + "xx", rec.statusClasses.get(c));
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
                firstError);
    }

    private static BenchmarkResult result(
            String name,
            LoadRecorder rec,
            boolean closed,
            String target,
            double targetRate,
            long durationNanos,
            long warmupNanos,
            double seconds,
            long allocated,
            List<LoadDetails.HostSample> hostSamples,
            Map<String, LoadSpec.Slo> slos,
            String bound,
            Instant startedAt,
            String firstError,
            Map<String, Double> generator) {
        LoadDetails.Counters counters = counters(rec, closed, firstError);
        Histogram response = rec.totalResponse();
        Map<String, Double> overall =
                new LinkedHashMap<>(LoadDetails.overallOf(response, rec.totalLag(), counters, seconds));
        overall.putAll(generator);
        long sent = counters.sent();
        overall.put("allocBytesPerOp", allocated < 0 || sent == 0 ? Double.NaN : (double) allocated / sent);
        List<LoadDetails.Second> series = rec.seconds();
        LoadDetails details = new LoadDetails(
                closed ? "closed" : "open",
                target,
                targetRate,
                durationNanos,
                warmupNanos,
                counters,
                overall,
                "per-second windows",
                series,
                new LoadDetails.Histograms(
                        HistogramCodec.encode(response),
                        HistogramCodec.encode(rec.totalService()),
                        HistogramCodec.encode(rec.totalLag())),
                hostSamples,
                SloJudge.judge(slos, overall, bound),
                bound != null,
                bound,
                startedAt,
                List.of());
        String error = null;
        if (firstError != null && counters.ok() == 0) {
            error = firstError + ": " + counters.failures() + " of " + sent + " requests failed";
        }
        return new BenchmarkResult(
                name,
                "load",
                null,
                Map.of(),
                error == null ? BenchmarkResult.Status.ok : BenchmarkResult.Status.failed,
                error,
                error == null ? metrics(series, overall) : List.of(),
                details);
    }

    /**
     * The knee: steps at fixed rates, doubling from {@code from} while each meets the SLO (and reaches its
     * rate), then bisecting between the last rate that met it and the first that did not, until they are
     * within 5 % or the steps run out. The result is the best step's measurement, with the whole curve and a
     * {@code maxRate} metric.
     */
    private BenchmarkResult findMaxRate(Run run) {
        LoadSpec.FindMaxRate f = run.plan.spec().findMaxRate();
        double from = Quantity.ratePerSec(f.from());
        double to = Quantity.ratePerSec(f.to());
        long stepNanos = f.step().toNanos();
        List<LoadDetails.RateStep> curve = new ArrayList<>();
        BenchmarkResult best = null;
        BenchmarkResult firstStep = null;
        double pass = Double.NaN;
        double fail = Double.NaN;
        double rate = from;
        while (curve.size() < f.steps() && !stopped.get()) {
            BenchmarkResult r = measure(run, RateProfile.constant(rate, stepNanos), stepNanos)
                    .get(0);
            firstStep = firstStep == null ? r : firstStep;
            LoadDetails d = r.load();
            boolean meets = meets(f.slo(), d, rate);
            curve.add(new LoadDetails.RateStep(
                    rate,
                    d.overall().getOrDefault("throughput", Double.NaN),
                    d.overall().getOrDefault("p99", Double.NaN),
                    d.overall().getOrDefault("errorRate", Double.NaN),
                    meets));
            if (meets) {
                pass = rate;
                best = r;
            } else {
                fail = rate;
            }
            if (Double.isNaN(fail)) {
                if (rate >= to) {
                    break;
                }
                rate = Math.min(2 * rate, to);
            } else if (Double.isNaN(pass) || (fail - pass) / pass <= 0.05) {
                break;
            } else {
                rate = Math.round((pass + fail) / 2);
            }
        }
        BenchmarkResult chosen = best != null ? best : firstStep;
        LoadDetails d = chosen.load();
        LoadDetails withCurve = new LoadDetails(
                d.model(),
                d.target(),
                d.targetRatePerSec(),
                d.durationNanos(),
                d.warmupNanos(),
                d.counters(),
                d.overall(),
                d.samplesAre(),
                d.timeSeries(),
                d.histograms(),
                d.host(),
                d.targets(),
                d.generatorBound(),
                d.generatorBoundReason(),
                d.startedAt(),
                curve);
        List<Metric> metrics = new ArrayList<>(chosen.metrics());
        metrics.add(0, Metric.of("maxRate", "ops/s", Better.HIGHER, List.of(List.of(Double.isNaN(pass) ? 0 : pass))));
        return new BenchmarkResult(
                chosen.name(), "load", null, Map.of(), chosen.status(), chosen.error(), metrics, withCurve);
    }

    /** Whether a step met every limit of {@code slo} and completed at least 99 % of its rate. */
    static boolean meets(Map<String, String> slo, LoadDetails d, double rate) {
        if (d.overall().getOrDefault("throughput", 0.0) < 0.99 * rate) {
            return false;
        }
        for (Map.Entry<String, String> e : slo.entrySet()) {
            LoadSpec.SloKind kind = LoadSpec.SloKind.of(e.getKey());
            double current = d.overall().getOrDefault(e.getKey(), Double.NaN);
            double limit = kind.value(e.getValue());
            if (Double.isNaN(current) || (kind.higherIsBetter() ? current < limit : current > limit)) {
                return false;
            }
        }
        return true;
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
    private static Map<String, Double> generatorHealth(LoadDriver driver, boolean closed) {
        if (closed || driver.dispatchLateness.getTotalCount() == 0) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("dispatchLateness.p99", driver.dispatchLateness.getValueAtPercentile(99) / 1e6);
        out.put(
                "queueWait.p99",
                driver.queueWait.getTotalCount() == 0 ? 0.0 : driver.queueWait.getValueAtPercentile(99) / 1e6);
        return out;
    }

    private static String generatorBound(LoadDriver driver, PauseDetector pauses, boolean closed) {
        if (pauses.maxPauseNanos() > PAUSE_LIMIT_NANOS) {
            return String.format(
                    Locale.ROOT, "the JVM stalled for %.0f ms (GC or the machine)", pauses.maxPauseNanos() / 1e6);
        }
        Histogram late = driver.dispatchLateness;
        if (!closed && late.getTotalCount() > 0 && late.getValueAtPercentile(99) > GENERATOR_LAG_LIMIT_NANOS) {
            return String.format(
                    Locale.ROOT,
                    "the generator started operations late: lateness p99 %.1f ms is above %.0f ms",
                    late.getValueAtPercentile(99) / 1e6,
                    GENERATOR_LAG_LIMIT_NANOS / 1e6);
        }
        return null;
    }

    /** Bytes allocated by all threads of this JVM so far (HotSpot), or −1 when unavailable. */
    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemoryEnabled()) {
            return hotspot.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    private static long think(LoadSpec.Pattern p) {
        return p.thinkTime() == null ? 0 : p.thinkTime().toNanos();
    }

    private static Workload instantiate(LoadPlan plan, LoadPlan.Operation op) {
        LoadSpec.Pattern p = plan.spec().load();
        if (op.target().http() != null) {
            LoadSpec.HttpTarget h = op.target().http();
            return new HttpWorkload(
                    op.httpUri(),
                    h.method(),
                    h.headers(),
                    h.body(),
                    h.expectStatus(),
                    p.maxInFlight() == null ? 16 : p.maxInFlight(),
                    h.connectTimeout() == null ? 5000 : h.connectTimeout().toMillis(),
                    p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos());
        }
        if (op.target().exec() != null) {
            return new ExecWorkload(
                    op.target().exec().command(),
                    plan.baseDir(),
                    p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos());
        }
        try {
            return op.workloadClass().getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw PerfException.badInput("load " + plan.spec().name() + ": cannot create "
                    + op.workloadClass().getName() + ": " + e);
        }
    }

    private static BenchmarkResult failed(LoadPlan plan, String error) {
        return new BenchmarkResult(
                plan.spec().name(), "load", null, Map.of(), BenchmarkResult.Status.failed, error, List.of());
    }
}
