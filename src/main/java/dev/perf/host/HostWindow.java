package dev.perf.host;

import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import java.util.List;

/**
 * One load measurement's view of the machine's sampler. Measurements that run at the same time ({@code
 * parallel:}) and watch the same processes share one {@link HostSampler} through their engine's {@link
 * Shared}: the machine and the processes are read once a second for all of them, and the loops' host series
 * are the same readings. A measurement's samples are the sampler's from the second after it joined, numbered
 * from 1; the last to stop takes the final partial second, the others end on a whole one. A measurement alone
 * has a sampler of its own, as if nothing were shared.
 */
public final class HostWindow {
    /** The samplers of one engine's measurements, and which one a new measurement may join. Thread-safe. */
    public static final class Shared {
        /** The sampler a measurement that watches the same processes joins while it has users; else null. */
        private Entry current;

        /** A window for a measurement watching {@code monitors}: on the running sampler of the same, else a new one. */
        public synchronized HostWindow open(List<MonitorTarget> monitors) {
            if (current != null && current.users > 0 && current.monitors.equals(monitors)) {
                current.users++;
                return new HostWindow(this, current);
            }
            // under the lock, though OSHI's first look may take a while: a loop that opens meanwhile waits and
            // joins, instead of starting a sampler of its own
            current = new Entry(HostSampler.start(monitors), List.copyOf(monitors));
            return new HostWindow(this, current);
        }
    }

    /** One sampler and the measurements on it. Guarded by its {@link Shared}. */
    private static final class Entry {
        final HostSampler sampler;
        final List<MonitorTarget> monitors;
        int users = 1;
        boolean begun;

        Entry(HostSampler sampler, List<MonitorTarget> monitors) {
            this.sampler = sampler;
            this.monitors = monitors;
        }
    }

    private final Shared shared;
    private final Entry entry;
    /** The sampler's seconds before this measurement's clock started. */
    private long offset;

    private boolean stopped;

    private HostWindow(Shared shared, Entry entry) {
        this.shared = shared;
        this.entry = entry;
    }

    /**
     * Starts this measurement's clock at {@code startNanos} ({@link System#nanoTime}, now or ahead): the first
     * measurement starts the sampler's ({@link HostSampler#beginAt}); a later one takes the samples after the
     * sampler's current second.
     */
    public void beginAt(long startNanos) {
        synchronized (shared) {
            if (entry.begun) {
                offset = entry.sampler.seconds();
                return;
            }
            entry.begun = true;
        }
        entry.sampler.beginAt(startNanos);
    }

    /** What became of the watched processes that a run should tell at once ({@link HostSampler#notes}). */
    public List<String> notes() {
        return entry.sampler.notes();
    }

    /** The latest sample, null before the first; never waits. */
    public LoadDetails.HostSample latest() {
        return entry.sampler.latest();
    }

    /** The watched processes' latest samples; never waits. */
    public List<MonitoredProcess.Reading> latestWatched() {
        return entry.sampler.latestWatched();
    }

    /**
     * Ends this measurement's view and returns its samples: the sampler stops with the last measurement on it
     * (whose last sample covers its final partial second) and samples on for the others.
     */
    public HostSampler.Taken stop() {
        boolean last = release();
        return (last ? entry.sampler.stop() : entry.sampler.taken()).after(offset);
    }

    /** Ends this view without its samples (a measurement that failed); the sampler stops with its last user. */
    public void close() {
        if (release()) {
            entry.sampler.close();
        }
    }

    /** Whether this was the sampler's last user; once per view. */
    private boolean release() {
        synchronized (shared) {
            if (stopped) {
                return false;
            }
            stopped = true;
            return --entry.users == 0;
        }
    }
}
