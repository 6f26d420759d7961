package dev.perf.cli;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.report.Publish;
import dev.perf.report.ReportOptions;
import dev.perf.report.Reports;
import dev.perf.report.Subject;
import dev.perf.result.ResultReader;
import dev.perf.result.Thresholds;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf compare BASE CURRENT}: decides regressed / improved / unchanged / inconclusive. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compares two results (perf JSON, JMH JSON, hyperfine JSON or Go benchmark text) benchmark by benchmark.",
            "Exit 1 when a metric fails (or warns, with --fail-on warn)."
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline result.")
    Path base;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The result to judge.")
    Path current;

    @ArgGroup(validate = false, heading = "%nOutput:%n")
    CompareFlags.OutputFlags output = new CompareFlags.OutputFlags();

    @ArgGroup(validate = false, heading = "%nDecision:%n")
    CompareFlags.DecisionFlags decision = new CompareFlags.DecisionFlags();

    @Mixin
    FailOnOption failOn;

    @Override
    public Integer call() {
        Outputs.check(
                Outputs.of("BASE", base, "CURRENT", current), Outputs.of("-o", output.file, "--junit", output.junit));
        Map<String, Thresholds.Limit> overrides = new TreeMap<>();
        decision.thresholds.forEach(e -> overrides.put(e.getKey(), e.getValue()));
        CompareOptions options = new CompareOptions(decision.alpha, decision.adjust, 0.95, 0.10, overrides);
        Comparison c = Comparer.compare(ResultReader.read(base), ResultReader.read(current), options);
        ReportOptions style =
                new ReportOptions(output.file == null && Terminal.colour(System.getenv()), failOn.failOn.warnFails());
        Publish.subject(
                Subject.comparison(c),
                new Publish.Destination(output.format, output.file, output.junit, output.github, style),
                Console.of(spec).out(),
                Console.of(spec).err());
        long fails = c.count(Verdict.FAIL);
        long warns = c.count(Verdict.WARN);
        if (!failOn.failOn.trips(fails, warns, c.count(Verdict.INCONCLUSIVE))) {
            return ExitCodes.OK;
        }
        String why = failOn.failOn.trips(fails, warns, 0) ? "regression" : "inconclusive (--fail-on inconclusive)";
        Console.of(spec).err().println("perf: " + why + ": " + Reports.summaryLine(c));
        return ExitCodes.FINDING;
    }
}
