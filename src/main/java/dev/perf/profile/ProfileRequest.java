package dev.perf.profile;

import dev.perf.result.PerfException;
import dev.perf.result.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code perf profile} was asked to do. Immutable.
 *
 * @param target what to profile
 * @param duration how long to record; for a command, null means until it exits
 * @param mode what to sample
 * @param engine which profiler to use
 * @param outputDir where the outputs go
 * @param threads split stacks per thread
 * @param include keep only stacks with a frame matching this; null for all
 * @param exclude drop stacks with a frame matching this; null for none
 * @param top how many methods the summary lists
 * @param options the profiler's and the outputs' finer settings
 * @param action for a pid: record for the duration, or start, dump or stop a recording that outlives perf
 */
public record ProfileRequest(
        Target target,
        Duration duration,
        Mode mode,
        Engine engine,
        Path outputDir,
        boolean threads,
        Pattern include,
        Pattern exclude,
        int top,
        Options options,
        Action action) {

    /** A request with the default options, recording for its duration. */
    public ProfileRequest(
            Target target,
            Duration duration,
            Mode mode,
            Engine engine,
            Path outputDir,
            boolean threads,
            Pattern include,
            Pattern exclude,
            int top) {
        this(target, duration, mode, engine, outputDir, threads, include, exclude, top, Options.DEFAULT, Action.record);
    }

    /**
     * Finer settings, each as async-profiler's own option of that name.
     *
     * @param reverse draw the flame graph reversed (icicle: callers under the hot methods)
     * @param minWidthPercent leave out frames narrower than this share of the graph; null for all
     * @param title the flame graph's title; null for {@code perf profile: TARGET (MODE)}
     * @param interval the sampling interval (cpu, wall, events); null for 10 ms
     * @param event an async-profiler event instead of the mode's own (itimer, ctimer, cache-misses, …); null for
     *     the mode's
     * @param cstack how async-profiler walks native frames ({@code fp}, {@code dwarf}, {@code lbr}, {@code vm},
     *     {@code vmx}, {@code no}); null for its default
     * @param includeIdle in wall mode, keep the samples of threads that were sleeping or parked, not only running
     * @param jvmFilter of the JVMs a launcher started, keep those whose main class matches; null for all
     * @param ignoreExit exit 0 even when the profiled command failed
     */
    public record Options(
            boolean reverse,
            Double minWidthPercent,
            String title,
            Duration interval,
            String event,
            String cstack,
            boolean includeIdle,
            Pattern jvmFilter,
            boolean ignoreExit) {
        /** Everything as async-profiler and perf default it. */
        public static final Options DEFAULT = new Options(false, null, null, null, null, null, false, null, false);

        /** async-profiler's ways of walking the C stack. */
        public static final List<String> CSTACKS = List.of("fp", "dwarf", "lbr", "vm", "vmx", "no");

        public Options {
            if (minWidthPercent != null && !(minWidthPercent >= 0 && minWidthPercent < 100)) {
                throw PerfException.usage("--minwidth is a percentage from 0 to 100, e.g. 0.5; was " + minWidthPercent);
            }
            if (interval != null && (interval.isZero() || interval.isNegative())) {
                throw PerfException.usage("--interval must be positive, e.g. 1ms; was " + interval);
            }
            if (event != null && !event.matches("[A-Za-z0-9_.:/$-]+")) {
                throw PerfException.usage("--event '" + event + "' is not an event name, e.g. cpu, itimer,"
                        + " cache-misses, or a Java method such as java.io.FileOutputStream.write");
            }
            if (cstack != null && !CSTACKS.contains(cstack)) {
                throw PerfException.usage("--cstack must be one of " + String.join(", ", CSTACKS) + "; was " + cstack);
            }
        }
    }

    /** What to do to a pid. */
    public enum Action {
        /** Record for the duration, then write the outputs. */
        record,
        /** Start a recording that goes on after perf exits. */
        start,
        /** Write the outputs of the recording so far; it goes on. */
        dump,
        /** Stop the recording and write the outputs. */
        stop
    }

    public ProfileRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(outputDir, "outputDir");
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw PerfException.usage("--duration must be positive, e.g. 30s; was " + duration);
        }
        if (top < 1) {
            throw PerfException.usage("--top must be at least 1, was " + top);
        }
        options = options == null ? Options.DEFAULT : options;
        action = action == null ? Action.record : action;
        if (action != Action.record && !(target instanceof Target.Pid)) {
            throw PerfException.usage(action + " applies to a running JVM: perf profile --pid PID " + action);
        }
        if (engine == Engine.jfr && (options.event() != null || options.cstack() != null)) {
            throw PerfException.usage((options.event() != null ? "--event" : "--cstack")
                    + " needs async-profiler; JFR samples what --mode says (cpu, wall, alloc, lock)");
        }
        if (options.jvmFilter() != null && !(target instanceof Target.Command)) {
            throw PerfException.usage("--jvm-filter applies to a command that starts JVMs: -- COMMAND...");
        }
    }

    /**
     * The async-profiler event sampled: {@code --event}, else the mode's ({@code cpu}, {@code wall}, {@code
     * alloc}, {@code lock}).
     */
    public String event() {
        return options.event() != null ? options.event() : mode.name();
    }

    /** What to profile. */
    public sealed interface Target {
        /** How reports name it: {@code pid 42}, the command line (secrets masked), {@code JMH regex}. */
        default String describe() {
            if (this instanceof Pid p) {
                return "pid " + p.pid();
            }
            if (this instanceof Command c) {
                return String.join(" ", Redaction.commandLine(c.argv())); // reports never show a secret
            }
            return "JMH " + ((Jmh) this).regex();
        }

        /** A running process, attached to. */
        record Pid(long pid) implements Target {}

        /** A command perf launches. */
        record Command(List<String> argv) implements Target {
            public Command {
                argv = List.copyOf(argv);
                if (argv.isEmpty()) {
                    throw PerfException.usage("give the command to profile after --");
                }
            }
        }

        /**
         * JMH benchmarks matching a regex, of {@code suite} (null: ./perf.yaml, else the demo), run with JMH's
         * profiler support.
         */
        record Jmh(String regex, java.nio.file.Path suite) implements Target {
            /** Benchmarks of the suite in the working directory (or the demo). */
            public Jmh(String regex) {
                this(regex, null);
            }
        }
    }

    /** What a profile samples. */
    public enum Mode {
        /** On-CPU time: where the CPU goes. */
        cpu,
        /** Wall-clock time of every thread, running or not. */
        wall,
        /** Allocations: where the bytes are allocated. */
        alloc,
        /** Contended locks: where threads wait to enter monitors or park. */
        lock
    }

    /** Which profiler. */
    public enum Engine {
        /** async-profiler when it loads here, JFR otherwise. */
        auto,
        /** JDK Flight Recorder. */
        jfr,
        /** async-profiler. */
        async
    }
}
