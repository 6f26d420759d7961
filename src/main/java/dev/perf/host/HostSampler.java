package dev.perf.host;

import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import oshi.software.os.OperatingSystem;
import oshi.spi.SystemInfoProvider;

/**
 * Samples the machine once a second while a load loop runs: system CPU, the busiest core, load average,
 * memory in use, perf's own CPU and RSS, and those of the processes it was asked to watch (the first of them
 * also in each {@link LoadDetails.HostSample}). Anything the platform cannot tell is NaN / −1, never a failure;
 * a watched process that cannot be found or exits is noted, never a failure.
 */
public final class HostSampler implements AutoCloseable {
    /** Null for {@link #prime}'s one read. */
    private final ScheduledExecutorService timer;

    private final List<LoadDetails.HostSample> samples = new ArrayList<>();
    private volatile LoadDetails.HostSample latest;
    private volatile List<MonitoredProcess.Reading> latestWatched = List.of();
    private final MachineGauge machine;
    private final ProcessReader self;
    private final List<WatchedProcess> watched = new ArrayList<>();
    private long second;

    private HostSampler(List<MonitorTarget> monitors, boolean timed) {
        // OSHI only where there is no /proc, and to find the watched processes
        Supplier<SystemInfoProvider> si = memoized(EnvironmentProbe::systemInfo);
        Supplier<OperatingSystem> os = () -> si.get().getOperatingSystem();
        this.machine = MachineGauge.create(si);
        this.self = ProcessReader.of(os, (int) ProcessHandle.current().pid());
        for (MonitorTarget m : monitors) {
            watched.add(new WatchedProcess(os, m));
        }
        // One sample now, thrown away: the first read loads the reading code (OSHI's, where it is used), which
        // would otherwise cost the load generator CPU at the first second of the measurement.
        rebaseline();
        this.timer = timed ? primedTimer() : null;
    }

    /** The sampler's timer, its thread started and its classes loaded now, so that beginAt() takes microseconds. */
    private static ScheduledExecutorService primedTimer() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perf-host-sampler");
            t.setDaemon(true);
            return t;
        });
        var unusedPrimed = timer.schedule(() -> {}, 0, TimeUnit.NANOSECONDS);
        return timer;
    }

    /** {@code make}'s value, made at the first call and kept. */
    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** Forgets what was sampled so far: the next sample covers the time from now. */
    private synchronized void rebaseline() {
        sample();
        samples.clear();
        watched.forEach(WatchedProcess::forgetSamples);
        second = 0;
    }

    /**
     * Starts the clock of the samples at {@code startNanos} ({@link System#nanoTime}, now or ahead): second 1 is
     * the second from then, whatever time passed since {@link #start} (a wait for {@code --start-at}'s instant is
     * not sampled). The baseline is read on the sampler's thread just before, so the caller's clock starts at
     * once and its first operations do not share the moment with /proc's reads.
     */
    public void beginAt(long startNanos) {
        long now = System.nanoTime();
        long baseline = Math.max(0, startNanos - BASELINE_AHEAD_NANOS - now);
        // the executor is shut down by stop(); the futures would only tell of their cancellation
        var unusedBaseline = timer.schedule(this::rebaseline, baseline, TimeUnit.NANOSECONDS);
        var unusedSchedule = timer.scheduleAtFixedRate(
                this::sample, Math.max(0, startNanos - now) + 1_000_000_000L, 1_000_000_000L, TimeUnit.NANOSECONDS);
    }

    /** How long before the clock starts the CPU baseline is read: the first sample's second is this much longer. */
    private static final long BASELINE_AHEAD_NANOS = 20_000_000;

    /**
     * Loads OSHI's reading code and reads /proc once on the caller's thread (no sampler thread), so that a
     * sampler started later starts at once.
     */
    public static void prime() {
        new HostSampler(List.of(), false).close();
    }

    /**
     * A sampler of the machine, watching {@code monitors} besides perf itself (none: an empty list); it samples
     * once a second from {@link #beginAt}.
     */
    public static HostSampler start(List<MonitorTarget> monitors) {
        return new HostSampler(monitors, true);
    }

    /**
     * What became of the watched processes so far that a run should tell at once: one line each for a process
     * that was not found or has exited.
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        for (WatchedProcess w : watched) {
            String note = w.note();
            if (note != null) {
                out.add("monitor " + w.label() + ": " + note);
            }
        }
        return out;
    }

    private synchronized void sample() {
        try {
            double[] cpu = machine.cpuPercents();
            ProcessSampler.Sample own = self.read(0);
            ++second;
            MonitoredProcess.Sample other = null;
            List<MonitoredProcess.Reading> now = new ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                MonitoredProcess.Sample m = watched.get(i).sample(second);
                other = i == 0 ? m : other;
                if (m != null) {
                    now.add(new MonitoredProcess.Reading(watched.get(i).label(), m));
                }
            }
            latestWatched = List.copyOf(now);
            latest = new LoadDetails.HostSample(
                    second,
                    cpu[0],
                    cpu[1],
                    machine.loadAverage(),
                    machine.memoryUsedBytes(),
                    own == null ? Double.NaN : own.cpuPercent(),
                    own == null ? -1 : own.rssBytes(),
                    other == null ? Double.NaN : other.cpuPercent(),
                    other == null ? -1 : other.rssBytes());
            samples.add(latest);
        } catch (RuntimeException e) {
            // a sample that cannot be read is skipped; the run goes on
        }
    }

    /** The watched processes' latest samples (those still running); never waits for a sample being taken. */
    public List<MonitoredProcess.Reading> latestWatched() {
        return latestWatched;
    }

    /** The latest sample, null before the first (for live metrics); never waits for a sample being taken. */
    public LoadDetails.HostSample latest() {
        return latest;
    }

    /**
     * What a sampler took: the machine once a second and each watched process.
     *
     * @param host the machine's samples, the last one covering the final partial second
     * @param monitors the watched processes, in the order asked for
     */
    public record Taken(List<LoadDetails.HostSample> host, List<MonitoredProcess> monitors) {
        /** Nothing sampled. */
        public static final Taken NONE = new Taken(List.of(), List.of());

        public Taken {
            host = List.copyOf(host);
            monitors = List.copyOf(monitors);
        }

        /** The samples of the seconds after {@code second}, numbered from 1 again (0: all of them). */
        Taken after(long second) {
            if (second <= 0) {
                return this;
            }
            return new Taken(
                    host.stream()
                            .filter(h -> h.second() > second)
                            .map(h -> h.renumbered(h.second() - second))
                            .toList(),
                    monitors.stream()
                            .map(m -> new MonitoredProcess(
                                    m.label(),
                                    m.pid(),
                                    m.command(),
                                    m.note(),
                                    m.samples().stream()
                                            .filter(x -> x.second() > second)
                                            .map(x -> new MonitoredProcess.Sample(
                                                    x.second() - second,
                                                    x.cpuPercent(),
                                                    x.rssBytes(),
                                                    x.heapUsedBytes()))
                                            .toList(),
                                    m.trends()))
                            .toList());
        }
    }

    /** How many seconds it has sampled since its clock started ({@link #beginAt}). */
    synchronized long seconds() {
        return second;
    }

    /** What it has taken so far, sampling on. */
    synchronized Taken taken() {
        return new Taken(samples, watched.stream().map(WatchedProcess::result).toList());
    }

    /** Stops sampling and returns what was taken, the last sample covering the final partial second. */
    public synchronized Taken stop() {
        timer.shutdownNow();
        sample();
        Taken taken =
                new Taken(samples, watched.stream().map(WatchedProcess::result).toList());
        close();
        return taken;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        machine.close();
        self.close();
        watched.forEach(WatchedProcess::close);
    }

    /**
     * Why a run whose generator was CPU-bound cannot be trusted, or null: perf itself used at least 95 % of every
     * core.
     */
    public static String saturation(List<LoadDetails.HostSample> samples) {
        // perf's own CPU (100 % = one core): the generator is the limit only when perf itself used every core;
        // a busy machine or a busy target is not the generator's fault; whole seconds only
        List<LoadDetails.HostSample> whole = LoadDetails.HostSample.wholeSeconds(samples);
        double mean = whole.stream()
                .mapToDouble(LoadDetails.HostSample::perfCpuPercent)
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(0);
        int cores = Runtime.getRuntime().availableProcessors();
        return whole.size() >= 2 && mean >= 95.0 * cores
                ? String.format(
                        Locale.ROOT,
                        "perf itself used %.0f%% CPU of %d cores: the generator was the limit",
                        mean,
                        cores)
                : null;
    }
}
