package dev.perf.load;

import dev.perf.host.HostSampler;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.Quantity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadPlan}: warm-up (not recorded), the measured loop with a time-series tick every second
 * and a pause detector, then the metrics, counters, histograms and SLO verdicts as a {@link
 * BenchmarkResult}. {@link #stop()} may be called from another thread (an interrupt).
 */
public final class LoadEngine {

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

    /** The wall-clock instant the next measurement starts at ({@link #alignFirstMeasurementTo}), or null. */
    private volatile Instant align;

    /**
     * Starts the next measurement — the first one of the next loop run — at {@code at} rather than as soon as
     * its set-up and warm-up are done, so that shards started together ({@code --start-at}) send their first
     * operations at the same moment. A measurement ready only after {@code at} starts at once.
     */
    public void alignFirstMeasurementTo(Instant at) {
        this.align = at;
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
                Workload w = Workloads.instantiate(plan, op);
                workloads.add(w);
                w.setUp(
                        op.target().java() == null
                                ? Map.of()
                                : op.target().java().params());
            }
        } catch (Exception e) {
            Workloads.tearDown(workloads);
            return List.of(Workloads.failed(plan, "setUp failed: " + e));
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
        LoopDriver loops = null;
        try {
            Run run = new Run(plan, workloads, syncPool, maxInFlight, timeout, listener);
            if (workloads.stream().anyMatch(Workload::async)) {
                loops = run.loops();
            }
            run.loopDriver = loops;
            if (plan.warmupNanos() > 0 && !stopped.get()) {
                run.warmUp();
            }
            if (spec.findMaxRate() != null) {
                LoadSpec.FindMaxRate f = spec.findMaxRate();
                long stepNanos = f.step().toNanos();
                return List.of(KneeSearch.search(
                        f,
                        rate -> measure(run, RateProfile.constant(rate, stepNanos), stepNanos)
                                .get(0),
                        stopped::get));
            }
            return measure(run, plan.profile(), plan.durationNanos());
        } finally {
            if (loops != null) {
                loops.close();
            }
            if (syncPool != null) {
                syncPool.shutdownNow();
            }
            Workloads.tearDown(workloads);
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
        /** The event loops of asynchronous operations (http), null when every operation is synchronous. */
        LoopDriver loopDriver;

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

        /**
         * The event loops for this loop's asynchronous operations, their connections open: as many as {@link
         * EventLoops#count} says for this process's peak rate (or its users) on this machine.
         */
        LoopDriver loops() {
            int connections = pattern.closed() ? Math.max(1, users(pattern.users())) : maxInFlight;
            double peak = Double.NaN;
            if (!pattern.closed()) {
                peak = plan.spec().findMaxRate() != null
                        ? Quantity.ratePerSec(plan.spec().findMaxRate().to())
                        : plan.profile().peakPerSec();
                peak /= shards;
            }
            int count = EventLoops.count(peak, connections, Runtime.getRuntime().availableProcessors());
            return new LoopDriver(operations(null), count, connections, pattern.closed(), timeout);
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
            LoadRecorder discard = new LoadRecorder(pattern.closed());
            Operations ops = operations(null);
            if (pattern.closed()) {
                closed(warm, ops, discard, System.nanoTime() + plan.warmupNanos(), stopped::get);
            } else {
                double rate = plan.spec().findMaxRate() != null
                        ? Quantity.ratePerSec(plan.spec().findMaxRate().from())
                        : plan.initialRatePerSec();
                RateProfile warmProfile = RateProfile.constant(Math.max(1, rate / shards), plan.warmupNanos());
                open(warm, new Schedule(warmProfile, 0, 1, null), ops, discard, System.nanoTime(), stopped::get);
            }
        }

        /** Runs the closed model until {@code endNanos}, on the event loops or on user threads. */
        void closed(LoadDriver threads, Operations ops, LoadRecorder rec, long endNanos, BooleanSupplier stop) {
            int users = Math.max(1, users(pattern.users()));
            long pacing = pattern.pacing() == null ? 0 : pattern.pacing().toNanos();
            if (loopDriver != null) {
                loopDriver.runClosed(ops, users, think(pattern), pacing, rec, endNanos, stop, shard, shards);
            } else {
                threads.runClosed(ops, users, think(pattern), pacing, timeout, rec, endNanos, stop);
            }
        }

        /** Runs the open model at {@code schedule}, on the event loops or on worker threads. */
        void open(
                LoadDriver threads,
                Schedule schedule,
                Operations ops,
                LoadRecorder rec,
                long baseNanos,
                BooleanSupplier stop) {
            if (loopDriver != null) {
                loopDriver.runOpen(schedule, ops, rec, baseNanos, stop);
            } else {
                threads.runOpen(schedule, ops, maxInFlight, timeout, rec, baseNanos, stop);
            }
        }

        /** The first failure of the last measurement. */
        Throwable firstError(LoadDriver threads) {
            return loopDriver != null ? loopDriver.firstError.get() : threads.firstError.get();
        }

        /** The share of the last open-model measurement the event loops were busy, NaN when not measured. */
        double busy() {
            return loopDriver != null && !pattern.closed() ? loopDriver.busy : Double.NaN;
        }

        /** How late the generator reached its operations in the last measurement (empty: not measured). */
        Histogram lateness() {
            return loopDriver != null && !pattern.closed() ? loopDriver.dispatchLateness : new Histogram(3);
        }

        Histogram queueWait() {
            return loopDriver != null && !pattern.closed() ? loopDriver.queueWait : new Histogram(3);
        }
    }

    /**
     * One measured loop at {@code profile} (null: the closed model) for {@code durationNanos}: the loop's
     * result, then one per operation of a mix.
     */
    private List<BenchmarkResult> measure(Run run, RateProfile profile, long durationNanos) {
        LoadSpec spec = run.plan.spec();
        LoadSpec.Pattern p = run.pattern;
        LoadRecorder rec = new LoadRecorder(p.closed());
        LoadRecorder[] opRecs = null;
        if (run.mix()) {
            opRecs = new LoadRecorder[run.plan.operations().size()];
            for (int i = 0; i < opRecs.length; i++) {
                opRecs[i] = new LoadRecorder(p.closed());
            }
        }
        LoadRecorder[] perOp = opRecs;
        Operations ops = run.operations(opRecs);
        LoadDriver driver = new LoadDriver();
        PauseDetector pauses = new PauseDetector();
        long totalSeconds = Math.max(1, (durationNanos + 999_999_999L) / 1_000_000_000L);
        // Samplers start before the clock does: OSHI's first look at the machine takes a second.
        pauses.start();
        HostSampler host = HostSampler.start(run.plan.monitors());
        host.notes().forEach(n -> run.listener.note(spec.name(), n));
        long allocatedBefore = allocatedBytes();
        // read before the wait for --start-at, so that nothing lies between the aligned instant and the clock
        GeneratorCheck check = new GeneratorCheck();
        Instant alignTo = align;
        align = null;
        if (alignTo != null) {
            var unusedReached = WallClock.parkUntil(alignTo, stopped::get); // a stop ends the wait early
        }
        long base = System.nanoTime();
        Instant startedAt = Instant.now();
        List<LoadRecorder> recorders = new ArrayList<>(List.of(rec));
        if (perOp != null) {
            recorders.addAll(List.of(perOp));
        }
        AbortWatch watch = new AbortWatch(spec.findMaxRate() == null ? spec.targets() : Map.of());
        AtomicReference<String> abort = new AtomicReference<>();
        SecondTicker ticker = new SecondTicker(recorders, () -> {
            List<LoadDetails.Second> s = rec.seconds();
            LoadDetails.Second last = s.get(s.size() - 1);
            run.listener.loadSecond(
                    spec.name(), s.size(), totalSeconds, last.ratePerSec(), last.p99Micros(), rec.failures());
            LoadWindow.publish(run.listener, spec.name(), s.size(), profile, rec, perOp, run.plan.operations(), host);
            if (!watch.idle() && abort.get() == null) {
                abort.set(watch.check(rec, p.closed(), s.size()));
            }
        });
        BooleanSupplier cut = () -> stopped.get() || abort.get() != null;
        ticker.start();
        long end = base + durationNanos;
        HostSampler.Taken hostSamples;
        try {
            if (p.closed()) {
                run.closed(driver, ops, rec, end, cut);
            } else {
                run.open(
                        driver,
                        new Schedule(profile, shard, shards, p.poissonSeed()),
                        ops,
                        rec,
                        base,
                        () -> cut.getAsBoolean() || System.nanoTime() > end + run.timeout);
            }
        } finally {
            ticker.stop();
            pauses.stop();
            hostSamples = host.stop();
        }
        long elapsed = System.nanoTime() - base;
        long allocated = allocatedBytes() - allocatedBefore;
        // Seconds that ran in full but whose tick had not fired when the loop ended (the last one of a run
        // usually) are windows too; what remains after them is the partial tail.
        // A loop that was not stopped ran its whole schedule (whose last fire time falls just short of the end).
        long measuredNanos = cut.getAsBoolean() ? elapsed : Math.max(elapsed, durationNanos);
        long fullSeconds = Math.min(totalSeconds, measuredNanos / 1_000_000_000L);
        ticker.catchUp(fullSeconds);
        rec.closeTail();
        long overrun = GeneratorCheck.overrunNanos(rec, totalSeconds, cut.getAsBoolean(), elapsed, durationNanos);
        double seconds = (overrun > 0 ? elapsed : Math.min(elapsed, durationNanos)) / 1e9;
        String bound = check.bound(
                run.lateness(), run.busy(), pauses, p.closed(), rec.totalResponse(), hostSamples.host(), elapsed);
        long mine = profile == null ? 0 : (profile.operations() - shard + shards - 1) / shards;
        double targetRate = profile == null ? Double.NaN : mine / (durationNanos / 1e9);
        String firstError = LoadResults.message(run.firstError(driver));
        List<BenchmarkResult> out = new ArrayList<>();
        out.add(LoadResults.result(
                spec.name(),
                rec,
                p.closed(),
                spec.mix() == null
                        ? spec.target().describe() + tlsNote(run.workloads)
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
                check.figures(generatorAndConnections(run, p), overrun)));
        if (abort.get() != null) {
            BenchmarkResult r = out.get(0);
            out.set(
                    0,
                    new BenchmarkResult(
                            r.name(),
                            r.kind(),
                            r.mode(),
                            r.params(),
                            r.status(),
                            r.error(),
                            r.metrics(),
                            r.load().abortedFor(abort.get())));
        }
        if (perOp != null) {
            long totalWeight = run.plan.operations().stream()
                    .mapToLong(LoadPlan.Operation::weight)
                    .sum();
            for (int i = 0; i < perOp.length; i++) {
                LoadPlan.Operation op = run.plan.operations().get(i);
                perOp[i].closeTail();
                // the JVM's allocation is not per operation: each entry gets its share by operations sent
                long sent = perOp[i].sent();
                out.add(LoadResults.result(
                        spec.name() + "/" + op.name(),
                        perOp[i],
                        p.closed(),
                        op.target().describe(),
                        targetRate * op.weight() / totalWeight,
                        durationNanos,
                        run.plan.warmupNanos(),
                        seconds,
                        sent == 0 ? -1 : Math.round((double) allocated * sent / Math.max(1, rec.sent())),
                        HostSampler.Taken.NONE,
                        Map.of(),
                        bound,
                        startedAt,
                        null,
                        Map.of()));
            }
        }
        return out;
    }

    /** The generator's health and, for http targets, how long their connections took to set up. */
    private static Map<String, Double> generatorAndConnections(Run run, LoadSpec.Pattern p) {
        Map<String, Double> out = new LinkedHashMap<>(
                LoadResults.generatorHealth(run.lateness(), run.queueWait(), run.busy(), p.closed()));
        out.putAll(ConnectStats.overall(run.workloads.stream()
                .filter(HttpWorkload.class::isInstance)
                .map(w -> ((HttpWorkload) w).connects)
                .toList()));
        return out;
    }

    /** Which TLS provider an https target ran on (and why not BoringSSL), for the result's target line. */
    private static String tlsNote(List<Workload> workloads) {
        boolean https = workloads.stream()
                .anyMatch(w -> w instanceof HttpWorkload h && h.setup().ssl() != null);
        return https ? " (TLS: " + TlsSetup.provider() + ")" : "";
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
}
