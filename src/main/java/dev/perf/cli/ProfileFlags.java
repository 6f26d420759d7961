package dev.perf.cli;

import dev.perf.profile.ProfileRequest;
import dev.perf.result.PerfException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The option groups of {@code perf profile}, as {@code --help} shows them. */
final class ProfileFlags {
    private ProfileFlags() {}

    static final class Target {
        @Option(names = "--pid", paramLabel = "PID", description = "Attach to this running process.")
        Long pid;

        @Option(names = "--jmh", paramLabel = "REGEX", description = "Profile the JMH benchmarks matching REGEX.")
        String jmh;
    }

    /** What to do: for {@code --pid P start|dump|stop} that word, else record. */
    static ProfileRequest.Action action(Target target, List<String> command) {
        if (target != null && target.pid != null && command.size() == 1) {
            try {
                ProfileRequest.Action a = ProfileRequest.Action.valueOf(command.get(0));
                if (a != ProfileRequest.Action.record) {
                    return a;
                }
            } catch (IllegalArgumentException e) {
                // not an action: the usage error below says what is allowed
            }
            throw PerfException.usage("after --pid PID give start, dump or stop (or nothing to record for"
                    + " --duration); was '" + command.get(0) + "'");
        }
        return ProfileRequest.Action.record;
    }

    /** What to profile, from the target group, the command after {@code --} and {@code -s}; usage errors else. */
    static ProfileRequest.Target target(Target target, List<String> command, Path suite) {
        if (action(target, command) != ProfileRequest.Action.record) {
            return new ProfileRequest.Target.Pid(target.pid);
        }
        boolean launch = !command.isEmpty();
        if ((target == null) == !launch) {
            throw PerfException.usage("give exactly one of --pid PID, --jmh REGEX or -- COMMAND...");
        }
        if (suite != null && (launch || target.jmh == null)) {
            throw PerfException.usage("-s FILE applies to --jmh REGEX: the suite whose JMH entries to profile");
        }
        if (launch) {
            return new ProfileRequest.Target.Command(command);
        }
        return target.pid != null
                ? new ProfileRequest.Target.Pid(target.pid)
                : new ProfileRequest.Target.Jmh(target.jmh, suite);
    }

    static final class Recording {
        @Option(
                names = {"-d", "--duration"},
                paramLabel = "DURATION",
                converter = Converters.DurationConverter.class,
                description = "How long to record, e.g. 30s (default for --pid: 30s; a command: until it exits).")
        Duration duration;

        @Option(
                names = "--mode",
                defaultValue = "cpu",
                paramLabel = "MODE",
                description = "cpu (default), wall, alloc or lock.")
        ProfileRequest.Mode mode;

        @Option(
                names = "--engine",
                defaultValue = "auto",
                description = "auto (default: async-profiler when it works here, else JFR), jfr or async.")
        ProfileRequest.Engine engine;

        @Option(names = "--threads", description = "Split stacks per thread.")
        boolean threads;

        @Option(
                names = "--include",
                paramLabel = "REGEX",
                converter = Converters.RegexConverter.class,
                description = "Keep only stacks with a frame matching REGEX (the whole frame, e.g. '.*Cache.*').")
        Pattern include;

        @Option(
                names = "--exclude",
                paramLabel = "REGEX",
                converter = Converters.RegexConverter.class,
                description = "Drop stacks with a frame matching REGEX (the whole frame).")
        Pattern exclude;

        @Option(
                names = "--interval",
                paramLabel = "DURATION",
                converter = Converters.DurationConverter.class,
                description = "Sampling interval of cpu, wall and timed events, e.g. 1ms (default 10ms).")
        Duration interval;

        @Option(
                names = "--event",
                paramLabel = "NAME",
                description = "async-profiler event instead of the mode's: itimer, ctimer, cache-misses, cycles, a"
                        + " Java method... (what the kernel allows here).")
        String event;

        @Option(
                names = "--cstack",
                paramLabel = "MODE",
                description = "How async-profiler walks native frames: fp, dwarf, lbr, vm, vmx or no.")
        String cstack;

        @Option(
                names = "--include-idle",
                description = "Wall mode: keep sleeping and parked threads too (default: running threads only).")
        boolean includeIdle;

        @Option(
                names = "--jvm-filter",
                paramLabel = "REGEX",
                converter = Converters.RegexConverter.class,
                description = "Of the JVMs a command starts, keep those whose main class matches (found anywhere"
                        + " in it), e.g. ForkedBooter for Maven's test JVMs.")
        Pattern jvmFilter;

        @Option(names = "--ignore-exit", description = "Exit 0 even when the profiled command fails.")
        boolean ignoreExit;
    }

    /** The flame graph's look. */
    static final class Output {
        @Option(names = "--reverse", description = "Reversed (icicle) flame graph: hot methods on top, callers below.")
        boolean reverse;

        @Option(
                names = "--minwidth",
                paramLabel = "PCT",
                description = "Leave out frames narrower than PCT %% of the graph, e.g. 0.5.")
        Double minWidth;

        @Option(names = "--title", paramLabel = "TEXT", description = "The flame graph's title.")
        String title;
    }

    /** The request the flags make: what to profile, how, where ({@code dir}), {@code top} methods listed. */
    static ProfileRequest request(
            Target target, List<String> command, Path suite, Recording r, Output o, Path dir, int top) {
        return new ProfileRequest(
                target(target, command, suite),
                r.duration,
                r.mode,
                r.engine,
                dir,
                r.threads,
                r.include,
                r.exclude,
                top,
                options(r, o),
                action(target, command));
    }

    /** The finer settings of a request. */
    static ProfileRequest.Options options(Recording r, Output o) {
        return new ProfileRequest.Options(
                o.reverse,
                o.minWidth,
                o.title,
                r.interval,
                r.event,
                r.cstack,
                r.includeIdle,
                r.jvmFilter,
                r.ignoreExit);
    }
}
