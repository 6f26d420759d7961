package dev.perf.profile;

import dev.perf.host.ProcessSampler;
import dev.perf.result.PerfException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Records a running JVM for a duration: JFR (and async-profiler's agent) started through the attach API, the
 * clock started once they run, stopped when it is up — so a 5 s recording lasts 5 s, not 5 s plus the time to
 * start two tools.
 */
final class PidRecording {
    private PidRecording() {}

    /** The JFR recording's name in the target, so that a stop finds it. */
    static final String NAME = "perf-profile";

    /**
     * What a pid recording saw.
     *
     * @param timeline the process once a second
     * @param recordedSeconds from the profiler's start to its stop (or the process's end)
     * @param exitedEarly whether the process ended before the duration was up
     */
    record Recorded(List<ProcessSampler.Sample> timeline, double recordedSeconds, boolean exitedEarly) {}

    static Recorded record(long pid, ProfileRequest request, Recording rec, List<String> notes) {
        Duration duration = request.duration() != null ? request.duration() : Profiler.DEFAULT_PID_DURATION;
        ProcessSampler sampler = ProcessSampler.start(pid);
        start(pid, request, rec);
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        while (handle.map(ProcessHandle::isAlive).orElse(false)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            sleep(Math.min(50, Math.max(1, left / 1_000_000)));
        }
        boolean alive = handle.map(ProcessHandle::isAlive).orElse(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (alive) {
            stop(pid, rec, rec);
        } else {
            notes.add(String.format(
                    Locale.ROOT,
                    "warning: process %d exited %.1f s into the %.1f s recording: the profile covers only that",
                    pid,
                    seconds,
                    duration.toNanos() / 1e9));
        }
        return new Recorded(sampler.stop(), seconds, !alive);
    }

    /** Starts JFR (always: GC and CPU load) and, for async-profiler, its agent in {@code pid}. */
    static void start(long pid, ProfileRequest request, Recording rec) {
        if (rec.use() == Recording.Use.NONE) {
            return;
        }
        Attach.jcmd(
                pid, "JFR.start name=" + NAME + " settings=" + rec.settings().toAbsolutePath());
        if (rec.use() == Recording.Use.ASYNC) {
            Attach.loadAgent(pid, rec.library(), AgentOptions.async(request, "start", rec.async(), rec.log()));
        }
    }

    /** Writes what was recorded so far into {@code to}'s files; the recording goes on. */
    static void dump(long pid, Recording rec, Recording to) {
        if (rec.use() == Recording.Use.ASYNC) {
            Attach.loadAgent(pid, rec.library(), "dump,jfr,file=" + to.async().toAbsolutePath() + ",log=" + rec.log());
        }
        Attach.jcmd(pid, "JFR.dump name=" + NAME + " filename=" + to.jfr().toAbsolutePath());
    }

    /** Stops the recording of {@code rec}, writing it into {@code to}'s files. */
    static void stop(long pid, Recording rec, Recording to) {
        if (rec.use() == Recording.Use.NONE) {
            return;
        }
        if (rec.use() == Recording.Use.ASYNC) {
            Attach.loadAgent(pid, rec.library(), "stop,jfr,file=" + to.async().toAbsolutePath() + ",log=" + rec.log());
        }
        Attach.jcmd(pid, "JFR.stop name=" + NAME + " filename=" + to.jfr().toAbsolutePath());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PerfException.interrupted("interrupted");
        }
    }
}
