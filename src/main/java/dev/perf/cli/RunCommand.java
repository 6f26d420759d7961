package dev.perf.cli;

import dev.perf.result.PerfException;
import dev.perf.run.RunRequest;
import dev.perf.run.SuiteRun;
import dev.perf.suite.JmhOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code perf run [quick|full]}: runs a suite and writes a result file. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the suite in perf.yaml (or the built-in demo suite when there is none) and writes a result file.",
            "Exit 1 when a benchmark failed or an SLO target of a load loop failed."
        })
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Perf perf;

    @Parameters(
            index = "0",
            defaultValue = "quick",
            paramLabel = "PROFILE",
            description = "quick (default) or full, or a profile the suite defines.")
    String profile;

    @Option(
            names = {"-s", "--suite"},
            paramLabel = "FILE",
            description = "Suite file (YAML or JSON). Default: ./perf.yaml, else the demo suite.")
    Path suite;

    @Option(
            names = "--jmh-jar",
            paramLabel = "JAR",
            description = "Run the benchmarks of this JMH uber-jar (with its own JMH) instead of a suite.")
    Path jmhJar;

    @Option(
            names = "--only",
            paramLabel = "REGEX",
            converter = Converters.RegexConverter.class,
            description = "Run only benchmarks whose name matches.")
    Pattern only;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Result file. Default: perf-results/<timestamp>.json")
    Path output;

    @Option(names = "--md", paramLabel = "FILE", description = "Also write a GitHub-flavoured Markdown summary.")
    Path markdown;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts.")
    Path html;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = {
                "Run shard I of N (e.g. 1/3 on each of 3 machines): JMH benchmarks are dealt out, load loops send a"
                        + " striped slice of their schedule. Combine with perf report merge."
            })
    String shard;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            description = "Run every benchmark N times (default 1): load loops then have N replicate samples.")
    int repeat;

    @Option(
            names = "--hlog",
            description = "Also write each load loop's per-second response times as an HdrHistogram log.")
    boolean hlog;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    @Option(
            names = {"-f", "--forks"},
            paramLabel = "N",
            description = "JMH forks (overrides the profile).")
    Integer forks;

    @Option(
            names = {"-wi", "--warmup-iterations"},
            paramLabel = "N",
            description = "JMH warm-up iterations per fork.")
    Integer warmupIterations;

    @Option(
            names = {"-w", "--warmup-time"},
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "Duration of one warm-up iteration, e.g. 1s, 500ms.")
    Duration warmupTime;

    @Option(
            names = {"-i", "--iterations"},
            paramLabel = "N",
            description = "JMH measurement iterations per fork.")
    Integer iterations;

    @Option(
            names = {"-r", "--time"},
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "Duration of one measurement iteration, e.g. 1s, 200ms.")
    Duration time;

    @Option(
            names = {"-t", "--threads"},
            paramLabel = "N",
            description = "JMH benchmark threads.")
    Integer threads;

    @Option(
            names = "--jvm-args",
            paramLabel = "ARG",
            split = " ",
            description = "Extra JVM arguments for each JMH fork.")
    List<String> jvmArgs;

    @Option(names = "--no-gc-profiler", description = "Do not run JMH's GC profiler (no B/op figures).")
    boolean noGcProfiler;

    private RunRequest.Shard shard() {
        if (shard == null) {
            return RunRequest.Shard.WHOLE;
        }
        Matcher m = Pattern.compile("(\\d+)/(\\d+)").matcher(shard.trim());
        if (!m.matches()) {
            throw PerfException.usage("invalid --shard '" + shard + "': use I/N, e.g. 2/3");
        }
        try {
            return new RunRequest.Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw PerfException.usage("invalid --shard '" + shard + "': use I/N, e.g. 2/3");
        }
    }

    /** Which SLO verdicts make {@code perf run} exit 1; each level includes the ones above it. */
    enum FailOn {
        fail,
        warn,
        inconclusive,
        never
    }

    @Option(
            names = "--fail-on",
            defaultValue = "fail",
            description = "Exit 1 on an SLO verdict of: fail (default), warn (fail or warn), inconclusive (also when "
                    + "the generator could not keep up), never. A failed benchmark always exits 1.")
    FailOn failOn;

    @Option(names = "--force", description = "Replace an -o file that is not a perf result.")
    boolean force;

    @Option(
            names = "--lock-timeout",
            defaultValue = "60s",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long to wait while another JMH holds JMH's lock file (default 60s); then exit 3.")
    Duration lockTimeout;

    @Override
    public Integer call() {
        Outputs.check(
                Outputs.of("-s", suite, "--jmh-jar", jmhJar),
                Outputs.of("-o", output, "--md", markdown, "--html", html));
        Outputs.replacesOnlyResults("-o", output, force);
        JmhOptions overrides;
        try {
            overrides = new JmhOptions(
                    forks,
                    warmupIterations,
                    warmupTime,
                    iterations,
                    time,
                    threads,
                    jvmArgs,
                    noGcProfiler ? false : null);
        } catch (IllegalArgumentException e) {
            throw PerfException.usage(e.getMessage());
        }
        PrintStream err = perf.err;
        RunRequest request = new RunRequest(
                profile,
                suite,
                jmhJar,
                only,
                output,
                markdown,
                html,
                shard(),
                repeat,
                hlog,
                overrides,
                perf.verbose,
                perf.quiet,
                !noProgress,
                Terminal.attached(),
                lockTimeout);
        SuiteRun.Outcome outcome = SuiteRun.execute(request, perf.out, err);
        long failed = outcome.result().failedCount();
        List<String> breached = outcome.result().failedTargets();
        List<String> warned = outcome.result().targets("warn");
        List<String> undecided = outcome.result().targets("inconclusive");
        if (!breached.isEmpty()) {
            err.println("perf: " + breached.size() + " SLO target(s) failed: " + String.join(", ", breached));
        }
        if (!undecided.isEmpty()) {
            err.println("perf: " + undecided.size() + " SLO target(s) inconclusive: " + String.join(", ", undecided));
        }
        if (failed > 0) {
            err.println("perf: " + failed + " benchmark(s) failed; their errors are in " + outcome.resultFile()
                    + " and " + outcome.logFile());
            return ExitCodes.FINDING;
        }
        boolean finding =
                switch (failOn) {
                    case fail -> !breached.isEmpty();
                    case warn -> !breached.isEmpty() || !warned.isEmpty();
                    case inconclusive -> !breached.isEmpty() || !warned.isEmpty() || !undecided.isEmpty();
                    case never -> false;
                };
        if (finding && breached.isEmpty()) {
            err.println("perf: exit 1 by --fail-on " + failOn + ": "
                    + String.join(", ", warned.isEmpty() ? undecided : warned));
        }
        return finding ? ExitCodes.FINDING : ExitCodes.OK;
    }
}
