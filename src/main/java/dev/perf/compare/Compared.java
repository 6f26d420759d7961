package dev.perf.compare;

import dev.perf.result.Loaded;
import dev.perf.result.PerfException;
import dev.perf.result.ResultReader;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code perf compare}'s decision, made before anything is rendered: the inputs read, compared as two runs or
 * as an N-way view, and the gate over what was compared.
 *
 * @param pair the comparison of two runs (base, current); null for an N-way view
 * @param table the N-way view; null for two runs
 * @param gate what the exit code is decided from
 */
public record Compared(Comparison pair, ComparisonTable table, Gate gate) {

    /**
     * Compares {@code inputs} (result files or foreign formats): two runs, or an N-way view with {@code col}
     * as columns (null: the inputs) and {@code row} as rows (null: the benchmarks). Columns of inputs are
     * revisions, and a worse one is a regression; columns of benchmarks or of a parameter's values describe how
     * they differ, which is no finding, and gate nothing.
     */
    public static Compared of(List<Path> inputs, Projection col, List<Projection> row, CompareOptions options) {
        List<Loaded> loaded = inputs.stream().map(ResultReader::read).toList();
        if (inputs.size() == 2 && col == null && row == null) {
            Comparison c = Comparer.compare(loaded.get(0), loaded.get(1), options);
            return new Compared(c, null, Gate.of(List.of(c), options));
        }
        if (inputs.size() == 1 && (col == null || col.equals(Projection.INPUT))) {
            throw PerfException.usage("one result has nothing to compare against: give CURRENT, or --col benchmark or"
                    + " --col param:NAME to compare the columns of one result");
        }
        Projection columns = col == null ? Projection.INPUT : col;
        ComparisonTable t = Columns.compare(loaded, columns, row == null ? List.of() : row, options);
        return new Compared(null, t, columns.equals(Projection.INPUT) ? Gate.of(t.comparisons(), options) : Gate.OPEN);
    }
}
