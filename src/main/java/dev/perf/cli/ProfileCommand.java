package dev.perf.cli;

import dev.perf.profile.ProfileRequest;
import dev.perf.profile.ProfileSummary;
import dev.perf.profile.Profiler;
import dev.perf.result.PerfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code perf profile}: flame graphs, hot methods and resource timelines for a pid, a command or JMH. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        subcommands = ProfileCommand.Diff.class,
        description = {
            "Profiles a running JVM (--pid), a command it launches (-- COMMAND...) or JMH benchmarks (--jmh) with"
                    + " async-profiler or JDK Flight Recorder.",
            "Writes flame.html, profile.collapsed, the JFR recording, summary.md and summary.json into -o DIR."
        })
final class ProfileCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @ParentCommand
    Perf perf;

    @Option(names = "--pid", paramLabel = "PID", description = "Attach to this running process.")
    Long pid;

    @Option(names = "--jmh", paramLabel = "REGEX", description = "Profile the JMH benchmarks matching REGEX.")
    String jmh;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "After --: the command to launch and profile.")
    List<String> command;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long to record, e.g. 30s (default for --pid: 30s; a command: until it exits).")
    Duration duration;

    @Option(names = "--mode", defaultValue = "cpu", description = "cpu (default), wall, alloc or lock.")
    ProfileRequest.Mode mode;

    @Option(
            names = "--engine",
            defaultValue = "auto",
            description = "auto (default: async-profiler when it works here, else JFR), jfr or async.")
    ProfileRequest.Engine engine;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output directory. Default: perf-profiles/<timestamp>/")
    Path output;

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

    @Option(names = "--top", defaultValue = "20", description = "Methods listed in the summary (default 20).")
    int top;

    @Override
    public Integer call() {
        List<ProfileRequest.Target> targets = new ArrayList<>();
        if (pid != null) {
            targets.add(new ProfileRequest.Target.Pid(pid));
        }
        if (jmh != null) {
            targets.add(new ProfileRequest.Target.Jmh(jmh));
        }
        if (command != null && !command.isEmpty()) {
            targets.add(new ProfileRequest.Target.Command(command));
        }
        if (targets.size() != 1) {
            throw PerfException.usage("give exactly one of --pid PID, --jmh REGEX or -- COMMAND...");
        }
        if (top < 1) {
            throw PerfException.usage("--top must be at least 1, was " + top);
        }
        Path dir = output != null ? output : Path.of("perf-profiles", STAMP.format(Instant.now()));
        ProfileRequest request =
                new ProfileRequest(targets.get(0), duration, mode, engine, dir, threads, include, exclude, top);
        Profiler.Outcome outcome = Profiler.run(request, perf.err);
        ProfileSummary s = outcome.summary();
        if (!perf.quiet) {
            perf.out.println("perf profile: " + s.engine() + ", " + s.mode() + ", " + s.unit() + " · "
                    + String.format(Locale.ROOT, "%.1f s", s.durationSeconds()));
            for (ProfileSummary.Method m :
                    s.topSelf().subList(0, Math.min(10, s.topSelf().size()))) {
                perf.out.println(String.format(Locale.ROOT, "  %5.1f%%  %s", m.selfPercent(), m.method()));
            }
            List<String> files = new ArrayList<>();
            for (String f : List.of("flame.html", "summary.md", "summary.json", "profile.collapsed")) {
                if (Files.exists(outcome.directory().resolve(f))) {
                    files.add(f);
                }
            }
            perf.out.println("Profile: " + outcome.directory() + "  (" + String.join(", ", files) + ")");
        }
        return ExitCodes.OK;
    }

    /** {@code perf profile diff A B}. */
    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "A differential flame graph (diff.html) and the top changes by self share (diff.md) of two"
                    + " profiles: perf profile directories or JFR files.")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        ProfileCommand profile;

        @Parameters(index = "0", paramLabel = "A", description = "The profile before.")
        Path a;

        @Parameters(index = "1", paramLabel = "B", description = "The profile after.")
        Path b;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "DIR",
                description = "Output directory. Default: perf-profiles/diff-<timestamp>/")
        Path output;

        @Option(names = "--top", defaultValue = "20", description = "Changes listed (default 20).")
        int top;

        @Override
        public Integer call() {
            Path dir = output != null ? output : Path.of("perf-profiles", "diff-" + STAMP.format(Instant.now()));
            Profiler.diff(a, b, dir, top);
            profile.perf.out.println("Diff: " + dir + "  (diff.html, diff.md, diff.collapsed)");
            return ExitCodes.OK;
        }
    }
}
