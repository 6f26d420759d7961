package dev.perf.compare;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Loaded;
import dev.perf.result.PerfException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * benchstat's projections: splits the inputs into the columns {@code --col} names (the inputs themselves,
 * one per benchmark, or one per value of a parameter) and compares every column against the first. Keys
 * that are neither the column nor in {@code --row} stay part of each line, so no two cells ever pool. Pure.
 */
public final class Columns {
    private Columns() {}

    /** The name every benchmark takes when the columns are benchmarks, so that lines pair across them. */
    static final String ANY_BENCHMARK = "*";

    /**
     * The N-way table of {@code inputs}: columns by {@code col}, each against the first, lines led by
     * {@code row}. Bad usage when the projection leaves fewer than two columns or names the column in the rows.
     */
    public static ComparisonTable compare(
            List<Loaded> inputs, Projection col, List<Projection> row, CompareOptions options) {
        if (col.kind() == Projection.Kind.METRIC) {
            throw PerfException.usage("--col metric: metrics cannot be columns, since each column is judged against the"
                    + " first and different metrics do not compare; use --row metric to group lines by metric");
        }
        if (row.contains(col)) {
            throw PerfException.usage("--row names " + col.text() + ", which --col already makes the columns");
        }
        if (col.kind() != Projection.Kind.INPUT && inputs.size() < 2 && row.contains(Projection.INPUT)) {
            throw PerfException.usage("--row input: there is one input, so input is not a key of the lines");
        }
        List<Loaded> columns = split(distinctLabels(inputs), col);
        if (columns.size() < 2) {
            throw PerfException.usage("--col " + col.text() + " gives " + columns.size() + " column ("
                    + (columns.isEmpty() ? "none" : columns.get(0).label()) + "): nothing to compare against; give"
                    + " more inputs or project on a key with several values");
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int k = 1; k < columns.size(); k++) {
            comparisons.add(Comparer.compare(columns.get(0), columns.get(k), options));
        }
        return ComparisonTable.of(columns.stream().map(Loaded::label).toList(), col, row, comparisons);
    }

    /** The columns of {@code inputs} by {@code col}, each a view of the benchmarks that fall into it. */
    static List<Loaded> split(List<Loaded> inputs, Projection col) {
        if (col.kind() == Projection.Kind.INPUT) {
            return inputs;
        }
        Map<String, List<BenchmarkResult>> byValue = new LinkedHashMap<>();
        Set<String> paramsSeen = new LinkedHashSet<>();
        for (Loaded input : inputs) {
            for (BenchmarkResult b : input.benchmarks()) {
                paramsSeen.addAll(b.params().keySet());
                String value = col.kind() == Projection.Kind.BENCHMARK
                        ? b.name()
                        : b.params().get(col.param());
                if (value != null) {
                    byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(projected(b, col, input, inputs));
                }
            }
        }
        if (byValue.isEmpty()) {
            throw PerfException.usage("--col " + col.text() + ": no benchmark has the parameter " + col.param()
                    + "; parameters are: " + (paramsSeen.isEmpty() ? "(none)" : String.join(", ", paramsSeen)));
        }
        List<Loaded> out = new ArrayList<>();
        Loaded first = inputs.get(0);
        Set<String> exact = new HashSet<>();
        inputs.forEach(i -> exact.addAll(i.exactUnits()));
        byValue.forEach((value, benchmarks) -> out.add(new Loaded(
                col.kind() == Projection.Kind.PARAM ? col.param() + "=" + value : value,
                first.format(),
                benchmarks,
                inputs.size() == 1 ? first.environment() : null,
                first.thresholds(),
                exact,
                inputs.size() == 1 ? first.perfVersion() : null,
                null)));
        return out;
    }

    /**
     * {@code b} as it appears in its column: without the projected key (its name or the parameter), and with
     * its input as a parameter when there are several inputs, so lines of different inputs stay apart.
     */
    private static BenchmarkResult projected(BenchmarkResult b, Projection col, Loaded input, List<Loaded> inputs) {
        Map<String, String> params = new LinkedHashMap<>(b.params());
        String name = b.name();
        if (col.kind() == Projection.Kind.PARAM) {
            params.remove(col.param());
        } else {
            name = ANY_BENCHMARK;
        }
        if (inputs.size() > 1) {
            params.put(Projection.INPUT_PARAM, input.label());
        }
        return new BenchmarkResult(name, b.kind(), b.mode(), params, b.status(), b.error(), b.metrics(), b.load());
    }

    /** The inputs, a label given twice (the same file twice, for an A/A view) told apart as {@code file #2}. */
    static List<Loaded> distinctLabels(List<Loaded> inputs) {
        List<Loaded> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Loaded in = inputs.get(i);
            String label = seen.add(in.label()) ? in.label() : in.label() + " #" + (i + 1);
            out.add(new Loaded(
                    label,
                    in.format(),
                    in.benchmarks(),
                    in.environment(),
                    in.thresholds(),
                    in.exactUnits(),
                    in.perfVersion(),
                    in.run()));
        }
        return out;
    }
}
