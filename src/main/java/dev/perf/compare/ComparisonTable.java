package dev.perf.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.perf.compare.Comparison.Row;
import dev.perf.result.BenchmarkResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * benchstat's N-way view: several columns (inputs, or the values of a projected key), each compared
 * against the first, one line per benchmark × metric. Every column's comparison is a full {@link
 * Comparison} with the same statistics and verdicts as {@code perf compare BASE CURRENT}. Immutable.
 *
 * @param columns the label of each column; the first is the base of the others
 * @param col what the columns are: {@code input}, {@code benchmark} or {@code param:NAME}
 * @param row the keys that lead each line, in order ({@code --row}); empty for the comparison's order
 * @param comparisons column k + 1 against column 0, one per column after the first
 * @param lines the rows of all comparisons side by side, in {@code row} order
 */
public record ComparisonTable(
        List<String> columns,
        String col,
        List<String> row,
        List<Comparison> comparisons,
        @JsonIgnore List<Line> lines) {

    public ComparisonTable {
        columns = List.copyOf(columns);
        row = List.copyOf(row);
        comparisons = List.copyOf(comparisons);
        lines = List.copyOf(lines);
        if (columns.size() < 2 || comparisons.size() != columns.size() - 1) {
            throw new IllegalArgumentException("one comparison per column after the first, at least two columns");
        }
    }

    /** The table of {@code comparisons} (column k + 1 against column 0), lines ordered by {@code rowKeys}. */
    static ComparisonTable of(
            List<String> columns, Projection col, List<Projection> rowKeys, List<Comparison> comparisons) {
        Map<String, Row[]> byKey = new LinkedHashMap<>();
        for (int k = 0; k < comparisons.size(); k++) {
            for (Row r : comparisons.get(k).rows()) {
                byKey.computeIfAbsent(r.displayName() + "\u0000" + r.metric(), x -> new Row[comparisons.size()])[k] = r;
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Row[] cells : byKey.values()) {
            Row any = Arrays.stream(cells).filter(Objects::nonNull).findFirst().orElseThrow();
            lines.add(new Line(any.benchmark(), any.params(), any.metric(), any.unit(), Arrays.asList(cells)));
        }
        // stable: within equal leading keys, lines keep the comparison's order
        Map<Projection, Map<String, Integer>> ranks = new HashMap<>();
        for (Projection p : rowKeys) {
            Map<String, Integer> rank = new HashMap<>();
            for (Line l : lines) {
                rank.putIfAbsent(String.valueOf(p.valueOf(l.any())), rank.size());
            }
            ranks.put(p, rank);
        }
        IdentityHashMap<Line, int[]> keys = new IdentityHashMap<>();
        for (Line l : lines) {
            keys.put(
                    l,
                    rowKeys.stream()
                            .mapToInt(p -> ranks.get(p).get(String.valueOf(p.valueOf(l.any()))))
                            .toArray());
        }
        Comparator<Line> order = (a, b) -> Arrays.compare(keys.get(a), keys.get(b));
        lines.sort(order);

        return new ComparisonTable(
                columns, col.text(), rowKeys.stream().map(Projection::text).toList(), comparisons, lines);
    }

    /** How many cells of all columns have {@code verdict}. */
    public long count(Verdict verdict) {
        return comparisons.stream().mapToLong(c -> c.count(verdict)).sum();
    }

    /** The base column's label. */
    public String base() {
        return columns.get(0);
    }

    /**
     * One benchmark × metric across the columns.
     *
     * @param benchmark benchmark name
     * @param params its parameters
     * @param metric the metric
     * @param unit its unit
     * @param cells column k + 1's row (against the base), null where that column has none
     */
    public record Line(String benchmark, Map<String, String> params, String metric, String unit, List<Row> cells) {
        public Line {
            params = Map.copyOf(params);
            cells = Collections.unmodifiableList(new ArrayList<>(cells)); // null where a column lacks the line
        }

        /** Benchmark with parameters, as the two-input comparison shows it. */
        public String displayName() {
            return BenchmarkResult.displayName(benchmark, params);
        }

        /** The base side: from the first column that has it; null when the line is new in every column. */
        public Comparison.Side base() {
            return cells.stream()
                    .filter(c -> c != null && c.base() != null)
                    .map(Row::base)
                    .findFirst()
                    .orElse(null);
        }

        /** Any row of this line, for its name, parameters and metric. */
        Row any() {
            return cells.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        }
    }
}
