package dev.perf.cli;

import dev.perf.merge.ShardMerge;
import dev.perf.report.ReportFormat;
import dev.perf.report.Reports;
import dev.perf.result.PerfException;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code perf report}: Markdown, JSON or HTML reports of results, comparisons and histories. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        subcommands = ReportCommand.Merge.class,
        description = {
            "Renders result files: one result as a run report, two (BASE CURRENT) as a comparison, more as one"
                    + " report each; --history DIR as trends with change points.",
            "Reads perf, JMH, hyperfine and Go benchmark results."
        })
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Perf perf;

    @Parameters(paramLabel = "RESULT", arity = "0..*", description = "Result files.")
    List<Path> results;

    @Option(
            names = "--format",
            defaultValue = "md",
            description = "md (default), text, json, html, junit (SLOs or comparison rows as test cases) or github "
                    + "(annotations).")
    ReportFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--history", paramLabel = "DIR", description = "Report the history of the results in DIR.")
    Path history;

    @Override
    public Integer call() {
        Outputs.check(inputs("RESULT", results), Outputs.of("-o", output));
        String report;
        if (history != null) {
            if (results != null && !results.isEmpty()) {
                throw PerfException.usage("give either result files or --history DIR, not both");
            }
            report = Reports.write(Reports.history(history), format);
        } else {
            report = Reports.write(Reports.subject(results == null ? List.of() : results), format);
        }
        if (output != null) {
            ResultFiles.writeAtomically(output, report.getBytes(StandardCharsets.UTF_8));
            perf.err.println("perf: report written to " + output);
        } else {
            perf.out.print(report);
        }
        return ExitCodes.OK;
    }

    /** Each input file under its parameter name, numbered. */
    static Map<String, Path> inputs(String label, List<Path> files) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (files != null) {
            for (int i = 0; i < files.size(); i++) {
                out.put(label + " " + (i + 1), files.get(i));
            }
        }
        return out;
    }

    /** {@code perf report merge SHARD... -o MERGED}. */
    @Command(
            name = "merge",
            mixinStandardHelpOptions = true,
            description = "Merges the results of perf run --shard I/N into one result: counters add, histograms"
                    + " merge exactly, percentiles are recomputed.")
    static final class Merge implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;

        @Parameters(paramLabel = "SHARD", arity = "1..*", description = "Shard result files.")
        List<Path> shards;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                required = true,
                description = "The merged result file.")
        Path output;

        @Option(names = "--force", description = "Replace an -o file that is not a perf result.")
        boolean force;

        @Override
        public Integer call() {
            Outputs.check(inputs("SHARD", shards), Outputs.of("-o", output));
            Outputs.replacesOnlyResults("-o", output, force);
            RunResult merged = ShardMerge.mergeFiles(shards);
            ResultFiles.write(output, merged);
            report.perf.err.println("perf: merged " + shards.size() + " shard(s), "
                    + merged.benchmarks().size() + " benchmark(s), into " + output);
            return ExitCodes.OK;
        }
    }
}
