package dev.perf.cli;

import dev.perf.report.Publish;
import dev.perf.report.ReportFormat;
import dev.perf.report.ReportOptions;
import dev.perf.report.Reports;
import dev.perf.report.Subject;
import dev.perf.result.PerfException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf report}: a run, a comparison or a history as Markdown, text, JSON, HTML, JUnit or annotations. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = MergeCommand.class,
        description = {
            "Renders result files: one gives its run report, two a comparison (base, current) and the current run,"
                    + " more the N-way view (each against the first) then each run; --history DIR gives trends and"
                    + " change points.",
            "Reads perf, JMH, hyperfine and Go benchmark results."
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULT", arity = "0..*", description = "Result files.")
    List<Path> results = List.of();

    @Option(names = "--history", paramLabel = "DIR", description = "Report the history of the results in DIR.")
    Path history;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "md",
            description = "One of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); junit gives a test case per SLO"
                    + " or comparison row, github an annotation per fail and warn.")
    ReportFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE, not stdout.")
    Path output;

    @Override
    public Integer call() {
        Outputs.check(inputs("RESULT", results), Outputs.of("-o", output));
        if (history != null && !results.isEmpty()) {
            throw PerfException.usage("give either result files or --history DIR, not both");
        }
        Subject subject = history != null ? Reports.history(history) : Reports.subject(results);
        Publish.subject(
                subject,
                new Publish.Destination(format, output, null, false, ReportOptions.DEFAULTS),
                Console.of(spec).out(),
                Console.of(spec).err());
        return ExitCodes.OK;
    }

    /** Each input file under its parameter name, numbered. */
    static Map<String, Path> inputs(String label, List<Path> files) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            out.put(label + " " + (i + 1), files.get(i));
        }
        return out;
    }
}
