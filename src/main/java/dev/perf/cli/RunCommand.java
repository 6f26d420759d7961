package dev.perf.cli;

import dev.perf.run.RunRequest;
import dev.perf.run.SuiteRun;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf run [quick|full]}: runs a suite and writes a result file. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the suite in perf.yaml (or the built-in demo suite when there is none) and writes a result file.",
            "Exit 1 when a benchmark failed or an SLO target of a load loop failed."
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            defaultValue = "quick",
            paramLabel = "PROFILE",
            description = "quick (default), full, endurance or a profile of the suite.")
    String profile;

    @ArgGroup(validate = false, heading = "%nWhat to run:%n")
    RunFlags.Selection selection = new RunFlags.Selection();

    @ArgGroup(validate = false, heading = "%nWhere results go:%n")
    RunFlags.Files files = new RunFlags.Files();

    @ArgGroup(validate = false, heading = "%nJMH settings (override the profile):%n")
    RunFlags.Jmh jmh = new RunFlags.Jmh();

    @Mixin
    FailOnOption failOn;

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
                Outputs.of("-s", selection.suite, "--jmh-jar", selection.jmhJar),
                Outputs.of("-o", files.output, "--md", files.markdown, "--html", files.html));
        Outputs.replacesOnlyResults("-o", files.output, files.force);
        RunRequest request = new RunRequest(
                new RunRequest.What(
                        profile,
                        selection.suite,
                        selection.jmhJar,
                        selection.only,
                        selection.shard != null ? selection.shard : RunRequest.Shard.fromEnvironment(System.getenv()),
                        selection.repeat,
                        selection.startAt,
                        files.force,
                        selection.classpath),
                new RunRequest.Files(files.output, files.markdown, files.html, files.hlog),
                new RunRequest.Display(
                        Console.of(spec).verbose(), Console.of(spec).quiet(), !files.noProgress, Terminal.attached()),
                new RunRequest.JmhRun(jmh.options(), jmh.extras(), lockTimeout),
                files.metrics());
        if (selection.list) {
            return SuiteRun.list(
                    request, Console.of(spec).out(), Console.of(spec).err());
        }
        return SuiteRun.execute(
                        request, Console.of(spec).out(), Console.of(spec).err())
                .exitCode(failOn.failOn, Console.of(spec).err());
    }
}
