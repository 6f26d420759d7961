package dev.perf.cli;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.report.ReportFormat;
import dev.perf.report.ReportOptions;
import dev.perf.report.Reports;
import dev.perf.report.Subject;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.result.ResultReader;
import dev.perf.result.Thresholds;
import dev.perf.stats.MultipleTesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code perf compare BASE CURRENT}: decides regressed / improved / unchanged / inconclusive. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two results (perf JSON, JMH JSON, hyperfine JSON or Go benchmark text) benchmark by benchmark.",
            "Exit 1 when a metric fails (or warns, with --fail-on warn)."
        })
final class CompareCommand implements Callable<Integer> {
    /** How the verdicts map to the exit code: each level also exits 1 on every level above it. */
    enum FailOn {
        fail,
        warn,
        inconclusive,
        never;

        /** Whether {@code c} has a verdict at this level or above. */
        boolean trips(Comparison c) {
            return this != never
                    && (c.count(Verdict.FAIL) > 0
                            || (this != fail && c.count(Verdict.WARN) > 0)
                            || (this == inconclusive && c.count(Verdict.INCONCLUSIVE) > 0));
        }
    }

    @ParentCommand
    Perf perf;

    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline result.")
    Path base;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The result to judge.")
    Path current;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text (default), md, json, html, junit or github (annotations).")
    ReportFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(
            names = "--fail-on",
            defaultValue = "fail",
            description = "Exit 1 on: fail (default), warn (fail or warn), inconclusive (also on an undecided "
                    + "comparison), never.")
    FailOn failOn;

    @Option(
            names = "--alpha",
            defaultValue = "0.05",
            description = "One-sided significance level of the threshold-shifted tests behind fail, warn and "
                    + "improved (default 0.05).")
    double alpha;

    @Option(
            names = "--adjust",
            defaultValue = "none",
            description = "Adjust the verdict tests across rows: none (default; the policy is calibrated without "
                    + "it), bh (Benjamini-Hochberg) or holm (stricter still).")
    String adjust;

    @Option(
            names = "--threshold",
            paramLabel = "NAME=WARN%/FAIL%",
            description = "Override a threshold: NAME is time, tail, memory or a metric name, e.g. time=5%/10%.")
    List<String> thresholds;

    @Option(
            names = "--github",
            description = "Append Markdown to $GITHUB_STEP_SUMMARY and print ::error/::warning annotations.")
    boolean github;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one testcase per comparison.")
    Path junit;

    @Override
    public Integer call() {
        Outputs.check(Outputs.of("BASE", base, "CURRENT", current), Outputs.of("-o", output, "--junit", junit));
        CompareOptions options = new CompareOptions(alpha(), adjustment(), 0.95, 0.10, overrides());
        Comparison c = Comparer.compare(ResultReader.read(base), ResultReader.read(current), options);
        boolean warnFails = failOn == FailOn.warn || failOn == FailOn.inconclusive;
        ReportOptions style = new ReportOptions(output == null && Terminal.attached(), warnFails);
        Subject subject = Subject.comparison(c);
        String report = Reports.write(subject, format, style);
        if (output != null) {
            ResultFiles.writeAtomically(output, report.getBytes(StandardCharsets.UTF_8));
        } else {
            perf.out.print(report);
        }
        if (junit != null) {
            ResultFiles.writeAtomically(
                    junit, Reports.write(subject, ReportFormat.junit, style).getBytes(StandardCharsets.UTF_8));
        }
        if (github) {
            publishToGitHub(subject);
        }
        if (failOn.trips(c)) {
            boolean regression = c.count(Verdict.FAIL) > 0 || (failOn != FailOn.fail && c.count(Verdict.WARN) > 0);
            perf.err.println("perf: " + (regression ? "regression" : "inconclusive (--fail-on inconclusive)") + ": "
                    + Reports.summaryLine(c));
            return ExitCodes.FINDING;
        }
        return ExitCodes.OK;
    }

    private double alpha() {
        if (!(alpha > 0 && alpha < 1)) {
            throw PerfException.usage("--alpha must be between 0 and 1, was " + alpha);
        }
        return alpha;
    }

    private MultipleTesting.Method adjustment() {
        return switch (adjust.toLowerCase(Locale.ROOT)) {
            case "bh" -> MultipleTesting.Method.BH;
            case "holm" -> MultipleTesting.Method.HOLM;
            case "none" -> MultipleTesting.Method.NONE;
            default -> throw PerfException.usage("--adjust must be bh, holm or none, was '" + adjust + "'");
        };
    }

    private Map<String, Thresholds.Limit> overrides() {
        Map<String, Thresholds.Limit> out = new LinkedHashMap<>();
        if (thresholds == null) {
            return out;
        }
        for (String t : thresholds) {
            int eq = t.indexOf('=');
            int slash = t.indexOf('/', eq + 1);
            if (eq <= 0 || slash < 0) {
                throw PerfException.usage("invalid --threshold '" + t + "': use NAME=WARN%/FAIL%, e.g. time=5%/10%");
            }
            try {
                out.put(
                        t.substring(0, eq).trim(),
                        new Thresholds.Limit(t.substring(eq + 1, slash), t.substring(slash + 1)));
            } catch (IllegalArgumentException e) {
                throw PerfException.usage("invalid --threshold '" + t + "': " + e.getMessage());
            }
        }
        return out;
    }

    private void publishToGitHub(Subject subject) {
        perf.out.print(Reports.write(subject, ReportFormat.github));
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary == null || summary.isBlank()) {
            perf.err.println("perf: --github: GITHUB_STEP_SUMMARY is not set, so no step summary was written");
            return;
        }
        try {
            Files.writeString(
                    Path.of(summary),
                    Reports.write(subject, ReportFormat.md),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw PerfException.badInput("cannot append to $GITHUB_STEP_SUMMARY (" + summary + "): " + e.getMessage());
        }
    }
}
