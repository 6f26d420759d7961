package dev.perf.cli;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Projection;
import dev.perf.report.Publish;
import dev.perf.report.ReportOptions;
import dev.perf.report.Reports;
import dev.perf.result.Thresholds;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf compare BASE CURRENT...}: decides regressed / improved / unchanged / inconclusive. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compares results (perf JSON, JMH JSON, hyperfine JSON or Go benchmark text) benchmark by benchmark.",
            "Two results: CURRENT against BASE. More, or --col/--row: benchstat's N-way view, one column per input"
                    + " (or per value of --col) against the first.",
            "Exit 1 when a metric fails (or warns, with --fail-on warn) in any column of inputs; columns by"
                    + " benchmark or parameter describe, they never exit 1."
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline result.")
    Path base;

    @Parameters(
            index = "1..*",
            arity = "0..*",
            paramLabel = "CURRENT",
            description = "The results to judge, each against BASE.")
    List<Path> current = List.of();

    @ArgGroup(validate = false, heading = "%nOutput:%n")
    CompareFlags.OutputFlags output = new CompareFlags.OutputFlags();

    @ArgGroup(validate = false, heading = "%nDecision:%n")
    CompareFlags.DecisionFlags decision = new CompareFlags.DecisionFlags();

    @ArgGroup(validate = false, heading = "%nSelection and N-way view:%n")
    CompareFlags.ViewFlags view = new CompareFlags.ViewFlags();

    @Mixin
    FailOnOption failOn;

    @Override
    public Integer call() {
        Map<String, Path> named = new LinkedHashMap<>(Map.of("BASE", base));
        current.forEach(c -> named.put(current.size() == 1 ? "CURRENT" : "CURRENT " + named.size(), c));
        Outputs.check(named, Outputs.of("-o", output.file, "--junit", output.junit));
        Map<String, Thresholds.Limit> overrides = new TreeMap<>();
        decision.thresholds.forEach(e -> overrides.put(e.getKey(), e.getValue()));
        CompareOptions options = CompareOptions.DEFAULTS
                .withDecision(decision.alpha, decision.adjust)
                .withOverrides(overrides)
                .withFilter(view.filter)
                .withAllowMissing(decision.allowMissing);
        Reports.Decided d = Reports.compare(
                List.copyOf(named.values()),
                view.col == null ? null : Projection.parse(view.col, "--col"),
                view.row == null ? null : Projection.parseList(view.row, "--row"),
                options);
        boolean colour = output.file == null && Terminal.colour(System.getenv());
        ReportOptions style = new ReportOptions(colour, failOn.failOn.warnFails(), !decision.allowMissing);
        Publish.subject(
                d.subject(),
                new Publish.Destination(output.format, output.file, output.junit, output.github, style),
                Console.of(spec).out(),
                Console.of(spec).err());
        if (!d.gate().trips(failOn.failOn)) {
            return ExitCodes.OK;
        }
        Console.of(spec).err().println(d.trippedLine(failOn.failOn));
        return ExitCodes.FINDING;
    }
}
