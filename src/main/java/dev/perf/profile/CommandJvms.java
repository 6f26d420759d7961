package dev.perf.profile;

import dev.perf.host.HsPerfData;
import dev.perf.result.PerfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The JVMs a profiled command runs, followed to the end of their recordings. A JVM writes its recordings as it
 * exits, which can be after the command itself has ended — a script stopped at {@code --duration} dies at
 * once, the JVM it started takes its time to dump — so perf reads nothing until each JVM it saw has exited or
 * has had its recordings taken through the attach API: one still running after a grace (a daemon the command
 * left behind, a JVM that ignores SIGTERM) gets them stopped into the files it would have written, and is
 * killed only when perf asked it to stop.
 */
final class CommandJvms {
    /** How long a JVM perf stopped gets to exit on its own before perf takes its recordings. */
    static final long GRACE_MS = 10_000;

    /** How long a JVM still running after its command ended gets before perf takes its recordings. */
    static final long LINGER_MS = 3_000;

    /** How long a JVM that cannot be attached to (it may be writing its recordings) gets after that. */
    static final long LAST_MS = 20_000;

    /** How long perf waits, at --duration, for a JVM in its start-up to start recording before SIGTERM. */
    static final long START_MS = 10_000;

    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();

    /** Follows {@code h} (a JVM among the command's processes, or the command itself when it is a JVM). */
    void see(ProcessHandle h) {
        seen.putIfAbsent(h.pid(), h);
    }

    /** Follows the JVM {@code pid} when it still runs (one known by the recording it started). */
    void see(long pid) {
        ProcessHandle.of(pid).ifPresent(this::see);
    }

    /** The JVMs seen, by pid. */
    Map<Long, ProcessHandle> seen() {
        return Map.copyOf(seen);
    }

    /**
     * Waits until every JVM seen has written its recordings. One still running after {@link #GRACE_MS} (when
     * {@code stopping}: perf sent SIGTERM at {@code --duration}) or {@link #LINGER_MS} (the command ended) has
     * them stopped into {@code files.apply(pid)} ({JFR's, async-profiler's}) through the attach API; one that
     * cannot be attached to gets {@link #LAST_MS} more to write them itself. When {@code stopping}, one still
     * running then is killed.
     */
    void settle(boolean stopping, Recording rec, LongFunction<Path[]> files, List<String> notes) {
        long grace = stopping ? GRACE_MS : LINGER_MS;
        for (ProcessHandle h : awaitExit(List.copyOf(seen.values()), grace)) {
            String why = stopping
                    ? "did not exit within " + grace / 1000 + " s of SIGTERM"
                    : "was still running " + grace / 1000 + " s after the command ended";
            String refused = take(h.pid(), rec, files.apply(h.pid()));
            if (refused == null) {
                notes.add("JVM " + h.pid() + " " + why + ": its recording was taken through the attach API"
                        + (stopping ? " and it was killed" : ""));
            } else if (!awaitExit(List.of(h), LAST_MS).isEmpty()) {
                notes.add("warning: JVM " + h.pid() + " " + why + " and could not be attached to (" + refused
                        + "): its recording is " + (stopping ? "lost (it was killed)" : "left out"));
            }
            if (stopping && h.isAlive()) {
                h.destroyForcibly();
                awaitExit(List.of(h), 5_000);
            }
        }
    }

    /**
     * Waits (at most {@code millis} in all) until each of {@code jvms} that still runs has finished its start-up
     * (its {@code sun.rt.createVmEndTime} counter is set: its agents and JDK Flight Recorder have started), so
     * that a SIGTERM perf sends next meets a JVM that handles it by writing its recordings. Sent earlier, within
     * the start-up, it ends the JVM at once with its recording cut, or makes JFR's start fail with a message in
     * the target's own output (ProfileRaceTest beside two CPU hogs).
     */
    static void awaitStarted(List<ProcessHandle> jvms, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ProcessHandle h : jvms) {
            while (h.isAlive() && !HsPerfData.createdVm(h.pid()) && System.nanoTime() < end) {
                PidRecording.sleep(20);
            }
        }
    }

    /** Stops {@code pid}'s recordings into {@code to}; null when done, else why not. */
    private static String take(long pid, Recording rec, Path[] to) {
        try {
            if (rec.use() == Recording.Use.ASYNC) {
                Attach.loadAgent(pid, rec.library(), "stop,jfr,file=" + to[1].toAbsolutePath() + ",log=" + rec.log());
            }
            Attach.jcmd(pid, "JFR.stop name=" + PidRecording.NAME + " filename=" + to[0].toAbsolutePath());
            return null;
        } catch (RuntimeException e) { // PerfException: the agent or JFR refused; others: the attach API itself
            return e.getMessage();
        }
    }

    /** Waits up to {@code millis} in all for {@code jvms} to exit; those still running. */
    private static List<ProcessHandle> awaitExit(List<ProcessHandle> jvms, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<ProcessHandle> running = new ArrayList<>();
        for (ProcessHandle h : jvms) {
            long left = end - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                // still running: below
            } catch (java.util.concurrent.ExecutionException e) {
                // cannot happen: onExit completes normally
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PerfException.interrupted("interrupted");
            }
            if (h.isAlive()) {
                running.add(h);
            }
        }
        return running;
    }
}
