package dev.perf.report;

import dev.perf.compare.Columns;
import dev.perf.compare.CompareOptions;
import dev.perf.compare.Compared;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.Gate;
import dev.perf.compare.Projection;
import dev.perf.result.FailOn;
import dev.perf.result.Loaded;
import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import dev.perf.result.ResultReader;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code report} capability: reads result files and renders them. One result gives the run report, two
 * give a comparison (base, current) followed by the current run, more give one run report each; a
 * directory gives its history. Foreign formats (JMH, hyperfine, Go) are reported from what they hold.
 */
public final class Reports {
    private Reports() {}

    /** The one dispatch point: {@code subject} written in {@code format}. */
    public static String write(Subject subject, ReportFormat format, ReportOptions options) {
        return format.writer().write(subject, options);
    }

    /** The one-line summary of a comparison: counts per verdict, why rows are inconclusive, the geomean. */
    public static String summaryLine(Comparison c) {
        return ComparisonCells.summaryLine(c);
    }

    /** The one-line summary of an N-way view: each column's, after its label. */
    public static String summaryLine(ComparisonTable t) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < t.comparisons().size(); k++) {
            parts.add(t.columns().get(k + 1) + ": "
                    + ComparisonCells.summaryLine(t.comparisons().get(k)));
        }
        return String.join(" | ", parts);
    }

    /**
     * What {@code perf compare} decided, ready to publish: the subject, the gate the exit code is read from, and
     * the summary line.
     */
    public record Decided(Subject subject, Gate gate, String summary) {
        /** The stderr line of a gate that {@link Gate#trips}: why, and the summary. */
        public String trippedLine(FailOn failOn) {
            return "perf: " + gate.why(failOn) + ": " + Printable.of(summary);
        }
    }

    /** {@code perf compare}: the decision {@link Compared#of} makes, as a subject to publish. */
    public static Decided compare(List<Path> inputs, Projection col, List<Projection> row, CompareOptions options) {
        Compared c = Compared.of(inputs, col, row, options);
        return c.pair() != null
                ? new Decided(Subject.comparison(c.pair()), c.gate(), summaryLine(c.pair()))
                : new Decided(Subject.table(c.table()), c.gate(), summaryLine(c.table()));
    }

    /** {@code subject} in {@code format} with the default options. */
    public static String write(Subject subject, ReportFormat format) {
        return write(subject, format, ReportOptions.DEFAULTS);
    }

    /**
     * What {@code inputs} report: one result is a run, two a comparison (base, current) followed by the
     * current run, more the N-way view (each against the first) followed by each run.
     */
    public static Subject subject(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw PerfException.usage("give at least one result file, or --history DIR");
        }
        List<Loaded> loaded = inputs.stream().map(ResultReader::read).toList();
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            runs.add(runResult(inputs.get(i), loaded.get(i)));
        }
        if (inputs.size() == 2) {
            return Subject.comparison(
                    Comparer.compare(loaded.get(0), loaded.get(1), CompareOptions.DEFAULTS), runs.get(1));
        }
        Subject.Runs each = (Subject.Runs)
                Subject.runs(runs, inputs.stream().map(Path::toString).toList());
        if (inputs.size() == 1) {
            return each;
        }
        return new Subject.Table(Columns.compare(loaded, Projection.INPUT, List.of(), CompareOptions.DEFAULTS), each);
    }

    /** The history of the results in {@code directory}. */
    public static Subject history(Path directory) {
        return Subject.history(History.read(directory));
    }

    /** The perf result in {@code file} (as read once), or a result wrapped around the benchmarks of a foreign format. */
    private static RunResult runResult(Path file, Loaded loaded) {
        if (loaded.run() != null) {
            return loaded.run();
        }
        Instant when;
        try {
            when = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            when = Instant.EPOCH;
        }
        RunInfo run = new RunInfo(
                file.getFileName().toString(),
                when,
                when,
                loaded.format(),
                file.getFileName().toString(),
                file.toString(),
                false,
                null);
        return new RunResult(
                RunResult.SCHEMA,
                loaded.perfVersion(),
                run,
                loaded.environment(),
                loaded.thresholds(),
                loaded.benchmarks());
    }
}
