package dev.perf.report;

import dev.perf.compare.CompareOptions;
import dev.perf.compare.Comparer;
import dev.perf.compare.Comparison;
import dev.perf.result.Loaded;
import dev.perf.result.PerfException;
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

    /** {@code subject} in {@code format} with the default options. */
    public static String write(Subject subject, ReportFormat format) {
        return write(subject, format, ReportOptions.DEFAULTS);
    }

    /**
     * What {@code inputs} report: one result is a run, two a comparison (base, current) followed by the
     * current run, more one run each.
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
        return Subject.runs(runs, inputs.stream().map(Path::toString).toList());
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
