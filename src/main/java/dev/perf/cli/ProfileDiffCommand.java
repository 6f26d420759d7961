package dev.perf.cli;

import dev.perf.profile.ProfileDiff;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf profile diff A B}. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "A differential flame graph (diff.html) and the top changes by self share (diff.md) of two"
                + " profiles: perf profile directories or JFR files.")
final class ProfileDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
        Path dir = output != null
                ? output
                : Path.of("perf-profiles", "diff-" + ProfileCommand.STAMP.format(Instant.now()));
        ProfileDiff.run(a, b, dir, top);
        Console.of(spec).out().println("Diff: " + dir + "  (diff.html, diff.md, diff.collapsed)");
        return ExitCodes.OK;
    }
}
