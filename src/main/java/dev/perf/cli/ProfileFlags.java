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

    /** What to profile, from the target group, the command after {@code --} and {@code -s}; usage errors else. */
    static ProfileRequest.Target target(Target target, List<String> command, Path suite) {
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
    }
}
