package dev.perf.cli;

import dev.perf.profile.ProfileOutcome;
import dev.perf.profile.ProfileRequest;
import dev.perf.profile.Profiler;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf profile}: flame graphs, hot methods and resource timelines for a pid, a command or JMH. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = ProfileDiffCommand.class,
        description = {
            "Profiles a running JVM (--pid), a command it launches (-- COMMAND...) or JMH benchmarks (--jmh) with"
                    + " async-profiler or JDK Flight Recorder.",
            "Writes flame.html, profile.collapsed, profile.pb.gz (pprof), speedscope.json, the JFR recording,"
                    + " summary.md and summary.json into -o DIR; a command that starts JVMs through a launcher (mvn,"
                    + " gradle, a script) gets one such set per JVM and an index.",
            "Exits with the profiled command's status when it failed (--ignore-exit: 0)."
        })
final class ProfileCommand implements Callable<Integer> {
    static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nWhat to profile (one of):%n")
    ProfileFlags.Target target;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "After --: the command to launch and profile. With --pid: start, dump or stop a recording"
                    + " that outlives perf.")
    List<String> command = List.of();

    @ArgGroup(validate = false, heading = "%nRecording:%n")
    ProfileFlags.Recording recording = new ProfileFlags.Recording();

    @ArgGroup(validate = false, heading = "%nFlame graph:%n")
    ProfileFlags.Output look = new ProfileFlags.Output();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output directory. Default: perf-profiles/<timestamp>/")
    Path output;

    @Option(names = "--top", defaultValue = "20", description = "Methods listed in the summary (default 20).")
    int top;

    @Option(
            names = {"-s", "--suite"},
            paramLabel = "FILE",
            description = "With --jmh: the suite whose JMH entries to profile. Default: ./perf.yaml, else the demo.")
    Path suite;

    @Override
    public Integer call() {
        Path dir = output != null ? output : Path.of("perf-profiles", STAMP.format(Instant.now()));
        ProfileRequest request = ProfileFlags.request(target, command, suite, recording, look, dir, top);
        ProfileOutcome outcome = Profiler.run(request, Console.of(spec).err());
        if (!Console.of(spec).quiet()) {
            Console.of(spec).out().print(outcome.terminalSummary());
        }
        return outcome.exitCode(recording.ignoreExit, Console.of(spec).err());
    }
}
