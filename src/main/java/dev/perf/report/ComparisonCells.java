package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Verdict;
import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cells of a comparison row and its summary line, as the text, Markdown and HTML writers show them. */
final class ComparisonCells {
    private ComparisonCells() {}

    /** The metric with its unit, scaled as the row's values are: {@code p99 (ms)}; the unit alone when it names the metric. */
    static String metric(Row r) {
        return metric(r.metric(), r.unit(), scale(r.unit(), r.base(), r.current()));
    }

    /** {@code metric (unit)} in {@code scale}'s unit; that unit alone when the metric is named by its unit. */
    static String metric(String metric, String unit, Numbers.Scale scale) {
        return unit.isEmpty() || metric.equals(unit)
                ? (unit.isEmpty() ? metric : scale.unit())
                : metric + " (" + scale.unit() + ")";
    }

    /** How a row's values are shown: scaled by the base's median (the current's without a base). */
    static Numbers.Scale scale(String unit, Comparison.Side base, Comparison.Side current) {
        Comparison.Side by = base != null && base.n() > 0 ? base : current;
        return Numbers.scale(unit, by == null || by.n() == 0 ? Double.NaN : by.median());
    }

    /** The row's value of one side with four significant digits, in the row's scale; empty without samples. */
    static String value(Row r, Comparison.Side side) {
        return value(side, scale(r.unit(), r.base(), r.current()));
    }

    /** The centre of one side with four significant digits in {@code scale}; empty without samples. */
    static String value(Comparison.Side side, Numbers.Scale scale) {
        return side == null || side.n() == 0 ? "" : Numbers.significant(side.median() * scale.factor());
    }

    /** The interval of a change, {@code [-1.2%, +3.4%]}; empty when undefined. */
    static String interval(double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return "";
        }
        return "[" + Numbers.changeBound(lower) + ", " + Numbers.changeBound(upper) + "]";
    }

    /** A p value with three decimals; empty when there was no test. */
    static String p(double p) {
        return Double.isNaN(p) ? "" : Numbers.fixed(p, 3);
    }

    /** Replicates per side: {@code 10}, or {@code 4+5} when they differ. */
    static String n(Row r) {
        int a = r.base() == null ? 0 : r.base().n();
        int b = r.current() == null ? 0 : r.current().n();
        return a == b ? Integer.toString(a) : a + "+" + b;
    }

    /** A confidence level as a whole percentage: 0.95 → {@code 95%}. */
    static String level(double level) {
        return String.format(Locale.ROOT, "%.0f%%", level * 100);
    }

    /** One line: counts per verdict and the geomean. */
    static String summaryLine(Comparison c) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = c.count(v);
            if (n > 0) {
                parts.add(n + " " + v.json());
            }
        }
        Comparison.Geomean g = c.geomean();
        String geo = g.count() == 0
                ? ""
                : "; geomean of ratios " + Numbers.change(g.change())
                        + (Double.isNaN(g.lower()) ? "" : " " + interval(g.lower(), g.upper())) + " over " + g.count();
        return String.join(", ", parts) + inconclusiveWhy(c) + geo;
    }

    /** Why rows are inconclusive, by the head of their reasons (up to three kinds), e.g. " (1 fork: 3)". */
    private static String inconclusiveWhy(Comparison c) {
        Map<String, Integer> heads = new LinkedHashMap<>();
        for (Row r : c.rows()) {
            if (r.verdict() == Verdict.INCONCLUSIVE) {
                String reason = r.reason() == null ? "" : r.reason();
                int cut = reason.length();
                for (char stop : new char[] {'(', ':', ';'}) {
                    int at = reason.indexOf(stop);
                    if (at > 0 && at < cut) {
                        cut = at;
                    }
                }
                heads.merge(Cells.printable(reason.substring(0, cut).trim()), 1, Integer::sum);
            }
        }
        if (heads.isEmpty()) {
            return "";
        }
        List<String> kinds = new ArrayList<>();
        heads.entrySet().stream().limit(3).forEach(e -> kinds.add(e.getKey() + ": " + e.getValue()));
        return " (inconclusive: " + String.join("; ", kinds) + (heads.size() > 3 ? "; ..." : "") + ")";
    }
}
