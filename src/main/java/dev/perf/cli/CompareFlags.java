package dev.perf.cli;

import dev.perf.report.ReportFormat;
import dev.perf.result.Thresholds;
import dev.perf.stats.MultipleTesting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The option groups of {@code perf compare}, as {@code --help} shows them. */
final class CompareFlags {
    private CompareFlags() {}

    static final class OutputFlags {
        @Option(
                names = "--format",
                defaultValue = "text",
                paramLabel = "FORMAT",
                description = "One of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        ReportFormat format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write the report to FILE, not stdout.")
        Path file;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: a test case per row.")
        Path junit;

        @Option(
                names = "--github",
                description = "Print ::error/::warning annotations; append Markdown to $GITHUB_STEP_SUMMARY.")
        boolean github;
    }

    static final class DecisionFlags {
        @Option(
                names = "--alpha",
                paramLabel = "P",
                defaultValue = "0.05",
                converter = Converters.ProbabilityConverter.class,
                description = "One-sided significance level of the tests behind fail, warn and improved (0.05).")
        double alpha;

        @Option(
                names = "--adjust",
                paramLabel = "METHOD",
                defaultValue = "none",
                description =
                        "Adjust the verdict tests across rows: none (default, the calibrated policy), bh or holm.")
        MultipleTesting.Method adjust;

        @Option(
                names = "--threshold",
                paramLabel = "NAME=WARN%/FAIL%",
                converter = Converters.ThresholdConverter.class,
                description = "Override a threshold: NAME is time, tail, memory or a metric, e.g. time=5%%/10%%.")
        List<Map.Entry<String, Thresholds.Limit>> thresholds = List.of();

        @Option(
                names = "--allow-missing",
                description = "Accept benchmarks and metrics missing from CURRENT (by default they fail the gate"
                        + " like a regression).")
        boolean allowMissing;
    }

    static final class ViewFlags {
        @Option(
                names = "--filter",
                paramLabel = "REGEX",
                description = "Compare only rows whose benchmark (with its parameters), metric or a NAME=VALUE"
                        + " parameter contains a match.")
        String filter;

        @Option(
                names = "--col",
                paramLabel = "KEY",
                description = "What the columns are, each against the first: input (default), benchmark or"
                        + " param:NAME (one column per value of a benchmark parameter; one result is enough).")
        String col;

        @Option(
                names = "--row",
                paramLabel = "KEY[,KEY...]",
                description =
                        "Lead and group the lines by these keys, in order: input, benchmark, metric," + " param:NAME.")
        String row;
    }
}
