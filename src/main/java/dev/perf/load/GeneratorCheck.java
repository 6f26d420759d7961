package dev.perf.load;

import dev.perf.host.CgroupThrottling;
import dev.perf.host.HostSampler;
import dev.perf.host.RunQueueDelay;
import dev.perf.load.drive.Driver;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.record.PauseDetector;
import dev.perf.result.GeneratorBound;
import dev.perf.result.LoadDetails;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Whether one measured loop measured the target or perf: started just before the clock, it reads perf's
 * cgroup CPU counters; finished, it says why the run was generator-bound (a CPU quota that throttled perf, a
 * JVM pause, late or busy loops, a saturated machine — in that order, the cause first) and how far the target's
 * backlog ran past the schedule. Not thread-safe: one per measurement.
 */
final class GeneratorCheck {
    /** The file-system root the cgroup counters are read under. */
    private static final Path ROOT = Path.of("/");

    private final CgroupThrottling before = CgroupThrottling.read(ROOT);
    // read off the loop's thread: cold in a new JVM, listing /proc's tasks took tens of ms of a shard's 2 s of
    // set-up before --start-at's instant (ShardedProcessesIT); the load threads are idle until the clock starts
    private final CompletableFuture<Map<Long, long[]>> threadsBefore =
            CompletableFuture.supplyAsync(() -> RunQueueDelay.threads(ROOT));
    private CgroupThrottling throttled = CgroupThrottling.NONE;
    private RunQueueDelay waited = RunQueueDelay.NONE;
    private double addedAtMostNanos = Double.NaN;

    /**
     * Why the loop was generator-bound, or null when it was not. A CPU quota starves the generator without
     * showing as busy CPU (unread responses keep connections busy, and the wait would read as the target's
     * queueing): when it throttled perf, it is named first.
     */
    String bound(
            Driver.Outcome outcome,
            PauseDetector pauses,
            boolean closed,
            Histogram response,
            List<LoadDetails.HostSample> host,
            long elapsedNanos) {
        throttled = before.until(CgroupThrottling.read(ROOT));
        waited = RunQueueDelay.since(threadsBefore.join(), ROOT);
        String bound = LoadResults.generatorBound(
                outcome.lateness(),
                outcome.busy(),
                pauses,
                closed,
                response.getTotalCount() == 0 ? 0.0 : (double) response.getValueAtPercentile(99));
        if (bound == null && waited.readable()) {
            // perf only waited (for a CPU, a quota, a pause below the stall limit): no response was delayed by it
            // longer than all that waiting together
            addedAtMostNanos = waited.waitNanos() + throttled.throttledNanos() + pauses.maxPauseNanos();
        }
        String starved = throttled.boundReason(elapsedNanos);
        String queued =
                waited.boundReason(response.getTotalCount() == 0 ? 0.0 : (double) response.getValueAtPercentile(50));
        if (queued != null) {
            starved = starved == null ? queued : starved + "; " + queued;
        }
        if (starved != null) {
            bound = bound == null ? starved : starved + "; " + bound;
        }
        return bound != null ? bound : HostSampler.saturation(host);
    }

    /**
     * How long the target's backlog ran past the schedule: the elapsed time beyond it when the loop, not
     * stopped early, kept completing operations for a second or more after its end; 0 otherwise. Every
     * connection or slot was busy, so operations went out late, and the throughput is what the target
     * carried over the time the work really took.
     */
    static long overrunNanos(
            LoadRecorder rec, long scheduledSeconds, boolean stopped, long elapsedNanos, long durationNanos) {
        boolean late = rec.seconds().stream().anyMatch(s -> s.second() >= scheduledSeconds && s.ratePerSec() > 0);
        return !stopped && late ? Math.max(0, elapsedNanos - durationNanos) : 0;
    }

    /**
     * {@code health} (the generator's figures) with its precision when it has one, the overrun when there
     * was one, and the time perf's cgroup throttled it, where it could be read.
     */
    Map<String, Double> figures(Map<String, Double> health, long overrunNanos, long precisionNanos) {
        Map<String, Double> out = new LinkedHashMap<>(health);
        if (precisionNanos > 0) {
            out.put("generator.precisionMs", precisionNanos / 1e6);
        }
        if (overrunNanos > 0) {
            out.put("overrun", overrunNanos / 1e9);
        }
        if (throttled.file() != null) {
            out.put("generator.throttledMs", throttled.throttledNanos() / 1e6);
        }
        if (waited.readable()) {
            out.put("generator.runQueueMs", waited.waitNanos() / 1e6);
            out.put("generator.runQueueWaitUs", waited.meanWaitNanos() / 1e3);
        }
        if (!Double.isNaN(addedAtMostNanos)) {
            out.put(GeneratorBound.ADDED_AT_MOST, addedAtMostNanos / 1e6);
        }
        return out;
    }
}
