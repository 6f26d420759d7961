package dev.perf.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How long the CPU controller of perf's own cgroup held perf back: the {@code cpu.stat} counters a CPU quota
 * drives (a Kubernetes CPU limit, {@code docker --cpus}, {@code systemd CPUQuota}). A throttled generator
 * sends late and reads late, and that wait must count against the generator, never the target.
 *
 * <p>cgroup v2 has {@code nr_throttled} and {@code throttled_usec} in {@code /sys/fs/cgroup/PATH/cpu.stat};
 * v1 has {@code nr_throttled} and {@code throttled_time} (ns) in the {@code cpu} controller's directory. The
 * path is this process's from {@code /proc/self/cgroup}; inside a container whose cgroup directory is mounted
 * as the root, the root's. Immutable and thread-safe.
 *
 * <pre>{@code
 * CgroupThrottling before = CgroupThrottling.read(Path.of("/"));
 * ... measure ...
 * String why = before.until(CgroupThrottling.read(Path.of("/"))).boundReason(elapsedNanos);
 * }</pre>
 *
 * @param file the {@code cpu.stat} read, null when none could be read (no Linux, no cgroup CPU controller)
 * @param throttledNanos total time throttled so far (v1 sums it over the CPUs the group ran on)
 * @param throttledTimes how many enforcement periods were throttled so far
 */
public record CgroupThrottling(Path file, long throttledNanos, long throttledTimes) {
    /**
     * A share of the measured window spent throttled above which the run is generator-bound (and at least
     * {@link #BOUND_MIN_NANOS}).
     */
    public static final double BOUND_SHARE = 0.02;

    /** The least throttled time that makes a run generator-bound: one scheduler period's worth. */
    public static final long BOUND_MIN_NANOS = 50_000_000L;

    /** Nothing could be read. */
    public static final CgroupThrottling NONE = new CgroupThrottling(null, 0, 0);

    /** The counters now, under the file-system root {@code root} ({@code /} outside tests); NONE if unreadable. */
    public static CgroupThrottling read(Path root) {
        for (Path candidate : candidates(root)) {
            CgroupThrottling t = parse(candidate);
            if (t != null) {
                return t;
            }
        }
        return NONE;
    }

    /**
     * The {@code cpu.stat} files that may be this process's, most specific first: v1's {@code cpu} controller
     * (on a hybrid machine the v2 line names a hierarchy without it), then v2's.
     */
    static List<Path> candidates(Path root) {
        return Cgroups.dirs(root, "cpu").stream()
                .map(d -> d.resolve("cpu.stat"))
                .toList();
    }

    /** The counters in {@code file}, or null when it does not exist or holds no throttling counters. */
    static CgroupThrottling parse(Path file) {
        List<String> lines = SysFiles.lines(file);
        long nanos = -1;
        long times = -1;
        for (String line : lines) {
            String[] kv = line.trim().split("\\s+", -1);
            if (kv.length != 2) {
                continue;
            }
            try {
                long v = Long.parseLong(kv[1]);
                switch (kv[0]) {
                    case "throttled_time" -> nanos = v; // v1, ns
                    case "throttled_usec" -> nanos = v * 1000; // v2
                    case "nr_throttled" -> times = v;
                    default -> {}
                }
            } catch (NumberFormatException e) {
                // a counter this version does not know: ignored
            }
        }
        return nanos < 0 || times < 0 ? null : new CgroupThrottling(file, nanos, times);
    }

    /** The throttling between this reading and {@code later} (NONE when either could not be read). */
    public CgroupThrottling until(CgroupThrottling later) {
        if (file == null || later.file == null || !file.equals(later.file)) {
            return NONE;
        }
        return new CgroupThrottling(
                file,
                Math.max(0, later.throttledNanos - throttledNanos),
                Math.max(0, later.throttledTimes - throttledTimes));
    }

    /**
     * Why a window of {@code windowNanos} with this much throttling is generator-bound, or null when the
     * throttling was immaterial (below {@link #BOUND_SHARE} of the window or {@link #BOUND_MIN_NANOS}).
     */
    public String boundReason(long windowNanos) {
        if (file == null || throttledNanos < BOUND_MIN_NANOS || throttledNanos < BOUND_SHARE * windowNanos) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "perf's cgroup CPU quota throttled it %d times in the %.1f s window, holding its threads back %.2f s"
                        + " in all (summed over CPUs, %s): the generator was starved, so the wait is not the target's;"
                        + " give perf more CPU",
                throttledTimes,
                windowNanos / 1e9,
                throttledNanos / 1e9,
                file);
    }
}
