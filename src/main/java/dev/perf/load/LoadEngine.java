package dev.perf.load;

import dev.perf.host.HostSampler;
import dev.perf.host.HostWindow;
import dev.perf.load.drive.Driver;
import dev.perf.load.drive.EventLoopDriver;
import dev.perf.load.drive.EventLoops;
import dev.perf.load.drive.Lane;
import dev.perf.load.drive.Model;
import dev.perf.load.drive.Operations;
import dev.perf.load.drive.ThreadDriver;
import dev.perf.load.record.ConnectStats;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.record.PauseDetector;
import dev.perf.load.record.SecondTicker;
import dev.perf.load.schedule.RateProfile;
import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;
import dev.perf.load.schedule.WallClock;
import dev.perf.load.spans.OtlpSpans;
import dev.perf.load.template.TraceContext;
import dev.perf.observe.ObservedJudge;
import dev.perf.observe.Observer;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.GeneratorBound;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.Observed;
import dev.perf.result.PerfException;
import dev.perf.result.Traces;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs one {@link LoadPlan}: warm-up (not recorded), the measured loop with a time-series tick every second
 * and a pause detector, then the metrics, counters, histograms and SLO verdicts as a {@link
 * BenchmarkResult}. {@link #stop()} may be called from another thread (an interrupt).
 */
public final class LoadEngine {

    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The machine's samplers: loops measuring at the same time ({@code parallel:}) share one. */
    private final HostWindow.Shared hosts = new HostWindow.Shared();

    private final Slice shard;

    /** An engine for whole runs. */
    public LoadEngine() {
        this(Slice.WHOLE);
    }

    /**
     * An engine for {@code shard} of a run: it sends its slice of each schedule and, for the closed model, its
     * share of the users.
     */
    public LoadEngine(Slice shard) {
        this.shard = shard;
    }

    /** Between an aligned warm-up's end and its measurement: time to start the samplers on a busy machine. */
    public static final Duration AFTER_WARM_UP = Duration.ofMillis(250);

    /** The wall-clock instant the next loop run starts at ({@link #startNextLoopAt}), or null. */
    private volatile Instant startAt;

    /** The wall-clock instant the next measurement starts at, once a loop started at {@link #startAt}, or null. */
    private volatile Instant align;

    /**
     * Starts the next loop run at {@code at} — its warm-up, else its measurement, with the measurement at {@code
     * at} plus the warm-up plus {@link #AFTER_WARM_UP} — so that shards started apart ({@code --start-at}) send
     * their first operations at the same moment. Everything the loop sets up (workloads, connections, samplers)
     * is done before the instant; a loop ready only after it starts at once and says how late.
     */
    public void startNextLoopAt(Instant at) {
        this.startAt = at;
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
        AllocationMeter.loopStarted();
        try {
            return runLoop(plan, listener);
        } finally {
            AllocationMeter.loopEnded();
        }
    }

    private List<BenchmarkResult> runLoop(LoadPlan plan, LoadListener listener) {
        Instant at = startAt;
        startAt = null;
        List<Workload> workloads = new ArrayList<>();
        try {
            for (LoadPlan.Operation op : plan.operations()) {
                Workload w = op.workload().get();
                workloads.add(w);
                w.setUp(
                        op.target().java() == null
                                ? Map.of()
                                : op.target().java().params());
            }
        } catch (Exception e) {
            Workloads.tearDown(workloads);
            return List.of(Workloads.failed(
                    plan, "setUp failed: " + (e instanceof PerfException ? e.getMessage() : e.toString())));
        }
        Loop loop = new Loop(plan, workloads, listener);
        int[] weights =
                plan.operations().stream().mapToInt(LoadPlan.Operation::weight).toArray();
        try (Operations ops = Operations.of(workloads, weights, loop.maxInFlight);
                Driver driver = loop.driver(ops)) {
            if (at != null) {
                HostSampler.prime();
                align = plan.warmupNanos() > 0
                        ? at.plusNanos(plan.warmupNanos()).plus(AFTER_WARM_UP)
                        : at;
            }
            if (plan.warmupNanos() > 0 && !stopped.get()) {
                waitUntil(at, loop, "warm-up");
                warmUp(loop, driver, ops);
            }
            if (plan.search() != null) {
                long stepNanos = plan.durationNanos();
                return List.of(KneeSearch.search(
                        plan.search(),
                        rate -> measure(loop, driver, ops, RateProfile.constant(rate, stepNanos), stepNanos)
                                .get(0),
                        stopped::get));
            }
            return measure(loop, driver, ops, plan.profile(), plan.durationNanos());
        } finally {
            Workloads.tearDown(workloads);
        }
    }

    /** What every measurement of one loop shares. */
    private final class Loop {
        final LoadPlan plan;
        final LoadSpec.Pattern pattern;
        final List<Workload> workloads;
        final LoadListener listener;
        final int maxInFlight;
        final long timeout;

        Loop(LoadPlan plan, List<Workload> workloads, LoadListener listener) {
            this.plan = plan;
            this.pattern = plan.spec().load();
            this.workloads = workloads;
            this.listener = listener;
            this.maxInFlight = pattern.maxInFlight() == null ? 16 : pattern.maxInFlight();
            this.timeout = LoadPlan.timeoutNanos(pattern);
        }

        /**
         * The driver for these operations: event loops when any is asynchronous (as many as {@link
         * EventLoops#count} says for this process's peak rate or users on this machine, their connections
         * open), else a thread per operation in flight.
         */
        Driver driver(Operations ops) {
            if (!ops.async()) {
                return new ThreadDriver(maxInFlight, timeout);
            }
            int connections = pattern.closed() ? Math.max(1, shard.count(pattern.users())) : maxInFlight;
            double peak = shard.rate(plan.peakPerSec());
            int loops = EventLoops.count(peak, connections, Runtime.getRuntime().availableProcessors());
            return new EventLoopDriver(ops, loops, connections, pattern.closed(), timeout);
        }

        /**
         * What one measurement asks of the driver: the open model's {@code slice} of {@code profile} from
         * {@code base}, or (profile null) this shard's users until {@code base + durationNanos}.
         */
        Model model(RateProfile profile, Slice slice, long base, long durationNanos) {
            if (profile != null) {
                return new Model.Open(
                        new Schedule(profile, slice, pattern.poissonSeed()), base, pattern.precisionNanos());
            }
            long think = pattern.thinkTime() == null ? 0 : pattern.thinkTime().toNanos();
            long pacing = pattern.pacing() == null ? 0 : pattern.pacing().toNanos();
            int users = Math.max(1, shard.count(pattern.users()));
            return new Model.Closed(users, think, pacing, base + durationNanos, shard);
        }

        /** The target line of the loop's result: its target, or its mix's entries and weights. */
        String target() {
            if (plan.spec().mix() == null) {
                return plan.spec().target().describe()
                        + workloads.stream()
                                .filter(Lane.Source.class::isInstance)
                                .map(w -> ((Lane.Source) w).targetNote())
                                .findFirst()
                                .orElse("");
            }
            return "mix:"
                    + String.join(
                            ",",
                            plan.operations().stream()
                                    .map(o -> o.name() + "=" + o.weight())
                                    .toList());
        }

        /**
         * New recorders for each entry's parts (a scenario's steps) for one measurement: null where an entry has
         * none, null when none has any.
         */
        LoadRecorder[][] parts(boolean closed) {
            LoadRecorder[][] out = new LoadRecorder[workloads.size()][];
            boolean any = false;
            for (int i = 0; i < out.length; i++) {
                if (workloads.get(i) instanceof Lane.Source source
                        && !source.parts().isEmpty()) {
                    out[i] = new LoadRecorder[source.parts().size()];
                    for (int j = 0; j < out[i].length; j++) {
                        out[i][j] = new LoadRecorder(closed);
                    }
                    any = true;
                }
            }
            return any ? out : null;
        }

        /**
         * The recorders whose windows are published besides the loop's, by label: a mix's entries by name, a
         * scenario's steps by name ({@code ENTRY/STEP} in a mix).
         */
        Map<String, LoadRecorder> windows(LoadRecorder[] perOp, LoadRecorder[][] parts) {
            Map<String, LoadRecorder> out = new LinkedHashMap<>();
            List<LoadPlan.Operation> operations = plan.operations();
            for (int i = 0; perOp != null && i < perOp.length; i++) {
                out.put(operations.get(i).name(), perOp[i]);
            }
            for (int i = 0; parts != null && i < parts.length; i++) {
                List<String> names = parts[i] == null ? List.of() : ((Lane.Source) workloads.get(i)).parts();
                for (int j = 0; j < names.size(); j++) {
                    out.put(partLabel(i, names.get(j)), parts[i][j]);
                }
            }
            return out;
        }

        /** How a step of entry {@code op} is named below the loop: {@code STEP}, or {@code ENTRY/STEP} in a mix. */
        String partLabel(int op, String step) {
            return (plan.spec().mix() == null ? "" : plan.operations().get(op).name() + "/") + step;
        }

        /** The generator's health and how long the connections of connection-bearing workloads took to set up. */
        Map<String, Double> generator(Driver.Outcome outcome) {
            Map<String, Double> out = new LinkedHashMap<>(LoadResults.generatorHealth(outcome));
            // the loop's concurrency, whole (not this shard's): what a scalability curve's fit reads against
            out.put("concurrency", (double) (pattern.closed() ? pattern.users() : maxInFlight));
            out.putAll(ConnectStats.overall(workloads.stream()
                    .filter(Lane.Source.class::isInstance)
                    .map(w -> ((Lane.Source) w).connects())
                    .toList()));
            workloads.stream()
                    .filter(Lane.Source.class::isInstance)
                    .forEach(w -> out.putAll(((Lane.Source) w).figures()));
            return out;
        }
    }

    /** Runs the warm-up, recording nothing: the closed model's users, or the open model at its first rate. */
    private void warmUp(Loop loop, Driver driver, Operations ops) {
        LoadRecorder discard = new LoadRecorder(loop.pattern.closed());
        long now = System.nanoTime();
        RateProfile profile = loop.pattern.closed()
                ? null
                : RateProfile.constant(Math.max(1, shard.rate(loop.plan.warmupPerSec())), loop.plan.warmupNanos());
        // the open warm-up's schedule is this process's own: its rate is already the shard's
        driver.drive(loop.model(profile, Slice.WHOLE, now, loop.plan.warmupNanos()), ops, discard, stopped::get);
    }

    /**
     * One measured loop at {@code profile} (null: the closed model) for {@code durationNanos}: the loop's
     * result, then one per operation of a mix.
     */
    private List<BenchmarkResult> measure(
            Loop loop, Driver driver, Operations all, RateProfile profile, long durationNanos) {
        return new Measurement(loop, profile, durationNanos).run(driver, all);
    }

    /** One measurement's recorders, samplers and watch, from set-up to results. */
    private final class Measurement {
        final Loop loop;
        final RateProfile profile;
        final long durationNanos;
        final long totalSeconds;
        final boolean closed;
        final LoadRecorder rec;
        /** The entries' own recorders (a mix), or null. */
        final LoadRecorder[] perOp;
        /** Each entry's parts' recorders (a scenario's steps), null where it has none; null when none has. */
        final LoadRecorder[][] parts;
        /** The recorders published each second besides the loop's, by operation label. */
        final Map<String, LoadRecorder> windows;

        /** The client spans of the sampled operations, exported as they complete; null unless asked for. */
        final OtlpSpans spans;

        final AtomicReference<String> abort = new AtomicReference<>();
        final AbortWatch watch;
        final BooleanSupplier cut = () -> stopped.get() || abort.get() != null;

        Measurement(Loop loop, RateProfile profile, long durationNanos) {
            this.loop = loop;
            this.profile = profile;
            this.durationNanos = durationNanos;
            this.totalSeconds = Math.max(1, (durationNanos + 999_999_999L) / 1_000_000_000L);
            this.closed = loop.pattern.closed();
            TraceContext trace = loop.plan.trace();
            LoadSpec spec = loop.plan.spec();
            this.spans = OtlpSpans.start(spec.trace(), trace, spec.name());
            this.rec = trace == null
                    ? new LoadRecorder(closed)
                    : new LoadRecorder(closed, spec.trace().exemplars(), trace::sampled, spans);
            this.perOp = spec.mix() == null
                    ? null
                    : new LoadRecorder[loop.plan.operations().size()];
            for (int i = 0; perOp != null && i < perOp.length; i++) {
                perOp[i] = new LoadRecorder(closed);
            }
            this.parts = loop.parts(closed);
            this.windows = loop.windows(perOp, parts);
            this.watch = new AbortWatch(spec.findMaxRate() == null ? spec.loopTargets() : Map.of());
        }

        List<BenchmarkResult> run(Driver driver, Operations all) {
            // Samplers are set up before the clock starts: OSHI's first look at the machine takes a second.
            PauseDetector pauses = new PauseDetector();
            pauses.start();
            HostWindow host = hosts.open(loop.plan.monitors());
            host.notes().forEach(n -> loop.listener.note(loop.plan.spec().name(), n));
            AllocationMeter allocation = AllocationMeter.start(driver);
            // read before the wait for --start-at, so that nothing lies between the aligned instant and the clock
            GeneratorCheck check = new GeneratorCheck();
            long base = startClock(loop, host, pauses);
            Instant startedAt = Instant.now();
            String name = loop.plan.spec().name();
            Observer observer = Observer.start(loop.plan.spec().observe(), base, w -> loop.listener.note(name, w));
            SecondTicker ticker = new SecondTicker(all(rec, perOp, parts), () -> second(host, observer));
            ticker.start();
            HostSampler.Taken hostSamples;
            Driver.Outcome outcome;
            try {
                long end = base + durationNanos;
                // the open model's backlog may run past the schedule, up to the timeout
                BooleanSupplier stop =
                        closed ? cut : () -> cut.getAsBoolean() || System.nanoTime() > end + loop.timeout;
                Model model = loop.model(profile, shard, base, durationNanos);
                outcome = driver.drive(model, all.recordingInto(perOp, parts), rec, stop);
            } finally {
                ticker.stop();
                pauses.stop();
                hostSamples = host.stop();
                if (spans != null) {
                    spans.close(); // the last spans are exported before the results are written
                }
            }
            long elapsed = System.nanoTime() - base;
            long allocated = allocation.stop();
            // Seconds that ran in full but whose tick had not fired when the loop ended (the last one of a run
            // usually) are windows too; what remains after them is the partial tail. A loop that was not
            // stopped ran its whole schedule (whose last fire time falls just short of the end).
            long measuredNanos = cut.getAsBoolean() ? elapsed : Math.max(elapsed, durationNanos);
            ticker.catchUp(Math.min(totalSeconds, measuredNanos / 1_000_000_000L));
            rec.closeTail();
            long overrun = GeneratorCheck.overrunNanos(rec, totalSeconds, cut.getAsBoolean(), elapsed, durationNanos);
            LoadResults.Measured m = new LoadResults.Measured(
                    closed,
                    durationNanos,
                    loop.plan.warmupNanos(),
                    (overrun > 0 ? elapsed : Math.min(elapsed, durationNanos)) / 1e9,
                    check.bound(outcome, pauses, closed, rec.totalResponse(), hostSamples.host(), elapsed),
                    startedAt);
            Map<String, Double> generator =
                    check.figures(loop.generator(outcome), overrun, loop.pattern.precisionNanos());
            List<Observed> observed = observer == null
                    ? List.of()
                    : observer.stop(startedAt, rec.seconds().size());
            List<BenchmarkResult> out =
                    results(m, allocated, hostSamples, LoadResults.message(outcome.firstError()), generator);
            if (!observed.isEmpty()) {
                out.set(0, withObserved(out.get(0), loop.plan.spec(), observed));
            }
            return out;
        }

        /** A second has passed: progress, the windows for live metrics, and the abort watch. */
        private void second(HostWindow host, Observer observer) {
            String name = loop.plan.spec().name();
            List<LoadDetails.Second> s = rec.seconds();
            LoadDetails.Second last = s.get(s.size() - 1);
            loop.listener.loadSecond(name, s.size(), totalSeconds, last.ratePerSec(), last.p99Micros(), rec.failures());
            LoadWindow.publish(
                    loop.listener,
                    name,
                    s.size(),
                    profile,
                    rec,
                    windows,
                    host,
                    loop.plan.trace(),
                    observer == null ? Map.of() : observer.lastSecond());
            if (!watch.idle() && abort.get() == null) {
                abort.set(watch.check(rec, closed, s.size()));
            }
        }

        /** The loop's result (aborted, when the watch cut it short), then its entries'. */
        private List<BenchmarkResult> results(
                LoadResults.Measured m,
                long allocated,
                HostSampler.Taken hostSamples,
                String firstError,
                Map<String, Double> generator) {
            LoadSpec spec = loop.plan.spec();
            double targetRate =
                    profile == null ? Double.NaN : shard.count(profile.operations()) / (durationNanos / 1e9);
            LoadResults.Part part = new LoadResults.Part(
                    spec.name(),
                    loop.target(),
                    targetRate,
                    allocated,
                    hostSamples,
                    spec.loopTargets(),
                    firstError,
                    generator);
            BenchmarkResult result = LoadResults.result(m, part, rec);
            Traces traces =
                    TraceExemplars.of(spec.trace(), loop.plan.trace(), rec, spans == null ? null : spans.finish());
            if (traces != null) {
                result =
                        result.withLoad(result.load().toBuilder().traces(traces).build());
            }
            List<BenchmarkResult> out = new ArrayList<>();
            out.add(abort.get() == null ? result : result.withLoad(result.load().abortedFor(abort.get())));
            if (perOp != null) {
                out.addAll(entries(loop, m, perOp, targetRate, allocated, rec.sent()));
            }
            if (parts != null) {
                out.addAll(steps(loop, m, parts, targetRate));
            }
            return out;
        }
    }

    /**
     * {@code result} with the service's own figures: stored, judged by their targets and kept as metrics
     * ({@code observed.NAME}, one sample per second read) that compare pairs like any other.
     */
    private static BenchmarkResult withObserved(BenchmarkResult result, LoadSpec spec, List<Observed> observed) {
        List<LoadDetails.TargetVerdict> verdicts = new ArrayList<>(result.load().targets());
        verdicts.addAll(ObservedJudge.judge(
                spec.observedTargets(), spec.observe(), observed, GeneratorBound.of(result.load())));
        LoadDetails details =
                result.load().toBuilder().observed(observed).targets(verdicts).build();
        List<Metric> metrics = new ArrayList<>(result.metrics());
        if (!metrics.isEmpty()) {
            for (Observed o : observed) {
                metrics.add(Metric.of(
                        "observed." + o.name(),
                        o.unit(),
                        o.better().equals("higher") ? Better.HIGHER : Better.LOWER,
                        List.of(o.readSeconds())));
            }
        }
        return new BenchmarkResult(
                result.name(),
                result.kind(),
                result.mode(),
                result.params(),
                result.status(),
                result.error(),
                metrics,
                details);
    }

    /** One result per entry of a mix, each with its share of the loop's rate and of its allocation. */
    private static List<BenchmarkResult> entries(
            Loop loop, LoadResults.Measured m, LoadRecorder[] perOp, double targetRate, long allocated, long sent) {
        List<LoadPlan.Operation> operations = loop.plan.operations();
        long totalWeight =
                operations.stream().mapToLong(LoadPlan.Operation::weight).sum();
        List<BenchmarkResult> out = new ArrayList<>();
        for (int i = 0; i < perOp.length; i++) {
            LoadPlan.Operation op = operations.get(i);
            perOp[i].closeTail();
            // the JVM's allocation is not per operation: each entry gets its share by operations sent
            long mine = perOp[i].sent();
            LoadResults.Part part = LoadResults.Part.entry(
                    loop.plan.spec().name() + "/" + op.name(),
                    op.target().describe(),
                    targetRate * op.weight() / totalWeight,
                    mine == 0 ? -1 : Math.round((double) allocated * mine / Math.max(1, sent)));
            out.add(LoadResults.result(m, part, perOp[i]));
        }
        return out;
    }

    /**
     * One result per step of each scenario, named {@code loop/step} ({@code loop/entry/step} in a mix), judged by
     * its {@code steps.STEP.} targets; a step is asked for once per iteration, at its entry's rate.
     */
    private static List<BenchmarkResult> steps(
            Loop loop, LoadResults.Measured m, LoadRecorder[][] parts, double targetRate) {
        LoadSpec spec = loop.plan.spec();
        List<LoadPlan.Operation> operations = loop.plan.operations();
        long totalWeight =
                operations.stream().mapToLong(LoadPlan.Operation::weight).sum();
        List<BenchmarkResult> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                continue;
            }
            LoadPlan.Operation op = operations.get(i);
            List<LoadTarget.Part> targetParts = op.target().parts();
            for (int j = 0; j < parts[i].length; j++) {
                String path = loop.partLabel(i, targetParts.get(j).name());
                parts[i][j].closeTail();
                LoadResults.Part part = new LoadResults.Part(
                        spec.name() + "/" + path,
                        targetParts.get(j).description(),
                        targetRate * op.weight() / totalWeight,
                        -1,
                        HostSampler.Taken.NONE,
                        spec.stepTargets(path),
                        null,
                        Map.of());
                out.add(LoadResults.result(m, part, parts[i][j]));
            }
        }
        return out;
    }

    /** Every recorder of a measurement: the loop's, then its entries', then their parts'. */
    private static List<LoadRecorder> all(LoadRecorder rec, LoadRecorder[] perOp, LoadRecorder[][] parts) {
        List<LoadRecorder> out = new ArrayList<>(List.of(rec));
        if (perOp != null) {
            out.addAll(List.of(perOp));
        }
        if (parts != null) {
            for (LoadRecorder[] p : parts) {
                if (p != null) {
                    out.addAll(List.of(p));
                }
            }
        }
        return out;
    }

    /**
     * Waits for the instant {@link #startNextLoopAt} set the measurement (none: not at all) and returns its
     * clock's base ({@link System#nanoTime}); the samplers' seconds count from it, the wait is not theirs.
     */
    private long startClock(Loop loop, HostWindow host, PauseDetector pauses) {
        Instant alignTo = align;
        align = null;
        host.beginAt(System.nanoTime() + untilNanos(alignTo));
        waitUntil(alignTo, loop, "measurement");
        long base = System.nanoTime();
        pauses.reset();
        return base;
    }

    /** How long until {@code at}: 0 when it is null or past. */
    private static long untilNanos(Instant at) {
        return at == null ? 0 : Math.max(0, Duration.between(Instant.now(), at).toNanos());
    }

    /** Waits until {@code at} (null: not at all); a {@code what} that starts more than 1 ms late says so. */
    private void waitUntil(Instant at, Loop loop, String what) {
        if (at == null) {
            return;
        }
        long lateMillis = Duration.between(at, Instant.now()).toMillis();
        if (lateMillis > 1) {
            loop.listener.note(
                    loop.plan.spec().name(),
                    what + " started " + lateMillis + " ms after " + at
                            + " (--start-at): its set-up took longer; out of step with shards that were ready");
        }
        var unusedReached = WallClock.parkUntil(at, stopped::get);
    }
}
