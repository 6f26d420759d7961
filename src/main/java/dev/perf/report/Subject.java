package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.ComparisonTable;
import dev.perf.result.RunResult;
import java.util.List;
import java.util.Objects;

/**
 * What a report is about: one or more runs, a comparison (of two inputs, or N-way), or a history. Each is built once (the run view
 * {@link RunReport} from its result) and handed to the writer of the format asked for.
 */
public sealed interface Subject permits Subject.Runs, Subject.Compared, Subject.Table, Subject.Trend {

    /**
     * One or more runs, each labelled by the file it came from.
     *
     * @param results the runs
     * @param views the view of each run, built once
     * @param labels where each came from (a file name)
     */
    record Runs(List<RunResult> results, List<RunReport> views, List<String> labels) implements Subject {
        public Runs {
            results = List.copyOf(results);
            views = List.copyOf(views);
            labels = List.copyOf(labels);
            if (results.isEmpty() || results.size() != labels.size() || results.size() != views.size()) {
                throw new IllegalArgumentException("one label and one view per run, at least one run");
            }
        }

        /** Whether this is a single run. */
        public boolean single() {
            return results.size() == 1;
        }
    }

    /**
     * A comparison, optionally followed by the current run it judged.
     *
     * @param comparison the decided rows
     * @param current the current run, null when the input was not a perf result
     * @param currentView its view, null with it
     */
    record Compared(Comparison comparison, RunResult current, RunReport currentView) implements Subject {
        public Compared {
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /**
     * benchstat's N-way view: several columns each against the first, optionally followed by the runs.
     *
     * @param table the columns and their comparisons
     * @param runs the runs of the inputs, null when not shown
     */
    record Table(ComparisonTable table, Runs runs) implements Subject {
        public Table {
            Objects.requireNonNull(table, "table");
        }
    }

    /**
     * The history of a directory of results.
     *
     * @param history runs in order, series and change points
     */
    record Trend(History history) implements Subject {
        public Trend {
            Objects.requireNonNull(history, "history");
        }
    }

    /** One run, labelled by {@code label}. */
    static Subject run(RunResult result, String label) {
        return runs(List.of(result), List.of(label));
    }

    /** Several runs, each labelled by the file it came from. */
    static Subject runs(List<RunResult> results, List<String> labels) {
        return new Runs(results, results.stream().map(RunReport::of).toList(), labels);
    }

    /** A comparison alone. */
    static Subject comparison(Comparison c) {
        return new Compared(c, null, null);
    }

    /** A comparison followed by the current run. */
    static Subject comparison(Comparison c, RunResult current) {
        return new Compared(c, current, current == null ? null : RunReport.of(current));
    }

    /** An N-way comparison alone. */
    static Subject table(ComparisonTable t) {
        return new Table(t, null);
    }

    /** A history. */
    static Subject history(History h) {
        return new Trend(h);
    }
}
