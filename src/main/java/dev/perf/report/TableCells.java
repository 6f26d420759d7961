package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.ComparisonTable.Line;
import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cells of benchstat's N-way view that every format shows alike: one line per benchmark × metric, the base
 * column's median ± the half-width of its interval, then per other column its median, the change against the
 * base, p, n and the verdict. Pure.
 */
final class TableCells {
    private TableCells() {}

    static final String[] SUB_BASE = {"median", "±"};

    static final String[] SUB_COLUMN = {"median", "±", "vs base", "p", "n", "verdict"};

    /** The heading sentence: how many columns of what, against which. */
    static String heading(ComparisonTable t) {
        return t.columns().size() + " columns (" + t.col() + "), each against " + t.base()
                + (t.row().isEmpty() ? "" : "; lines by " + String.join(", ", t.row()));
    }

    /** The half-width of the median's interval relative to the median: {@code ±1%}, {@code ±∞}; empty without samples. */
    static String spread(Comparison.Side side) {
        if (side == null || side.n() == 0) {
            return "";
        }
        double half = Math.max(side.medianUpper() - side.median(), side.median() - side.medianLower());
        if (Double.isInfinite(half) || Double.isNaN(half) || side.median() == 0) {
            return "±∞";
        }
        return String.format(Locale.ROOT, "±%.0f%%", 100 * half / Math.abs(side.median()));
    }

    /** The metric with its unit, {@code p99 (ms)}; the unit alone when it names the metric, as two-input tables show it. */
    static String metric(Line l) {
        return ComparisonCells.metric(l.metric(), l.unit(), scale(l));
    }

    /** How a line's values are shown: scaled by the base column's median. */
    static Numbers.Scale scale(Line l) {
        return ComparisonCells.scale(l.unit(), l.base(), null);
    }

    /** The cells of one line: benchmark, metric, base median and spread, then six per other column. */
    static String[] cells(Line l) {
        List<String> out = new ArrayList<>();
        out.add(Cells.printable(l.displayName()));
        out.add(Cells.printable(metric(l)));
        Numbers.Scale scale = scale(l);
        out.add(ComparisonCells.value(l.base(), scale));
        out.add(spread(l.base()));
        for (Row r : l.cells()) {
            if (r == null) {
                out.addAll(List.of("", "", "", "", "", "-"));
                continue;
            }
            out.add(ComparisonCells.value(r.current(), scale));
            out.add(spread(r.current()));
            out.add(r.base() == null || r.current() == null ? "" : Numbers.change(r.change()));
            out.add(ComparisonCells.p(r.p()));
            out.add(ComparisonCells.n(r));
            out.add(r.verdict().json());
        }
        return out.toArray(String[]::new);
    }

    static boolean isVerdict(int column) {
        return column >= 2 + SUB_BASE.length
                && (column - 2 - SUB_BASE.length) % SUB_COLUMN.length == SUB_COLUMN.length - 1;
    }
}
