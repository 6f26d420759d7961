package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.ComparisonTable.Line;
import dev.perf.compare.Verdict;
import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * benchstat's N-way view as text, Markdown and HTML: one line per benchmark × metric, the base column's
 * median ± the half-width of its interval, then per other column its median, the change against the base,
 * p, n and the verdict; below, each column's summary and the reasons of its verdicts other than unchanged.
 * Pure.
 */
final class TableReport {
    private TableReport() {}

    private static final String[] SUB_BASE = {"median", "±"};
    private static final String[] SUB_COLUMN = {"median", "±", "vs base", "p", "n", "verdict"};

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
        return ComparisonCells.metric(l.metric(), l.unit());
    }

    /** The cells of one line: benchmark, metric, base median and spread, then six per other column. */
    private static String[] cells(Line l) {
        List<String> out = new ArrayList<>();
        out.add(Cells.printable(l.displayName()));
        out.add(Cells.printable(metric(l)));
        out.add(ComparisonCells.value(l.base()));
        out.add(spread(l.base()));
        for (Row r : l.cells()) {
            if (r == null) {
                out.addAll(List.of("", "", "", "", "", "-"));
                continue;
            }
            out.add(ComparisonCells.value(r.current()));
            out.add(spread(r.current()));
            out.add(r.base() == null || r.current() == null ? "" : Numbers.change(r.change()));
            out.add(ComparisonCells.p(r.p()));
            out.add(ComparisonCells.n(r));
            out.add(r.verdict().json());
        }
        return out.toArray(String[]::new);
    }

    /** Fixed-width text: a line of column labels above their sub-columns, then the lines, then per column its summary. */
    static String text(ComparisonTable t) {
        List<String> sub = new ArrayList<>(List.of("Benchmark", "Metric"));
        sub.addAll(List.of(SUB_BASE));
        for (int k = 1; k < t.columns().size(); k++) {
            sub.addAll(List.of(SUB_COLUMN));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(sub.toArray(String[]::new));
        t.lines().forEach(l -> rows.add(cells(l)));
        int[] widths = new int[sub.size()];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        // a column's label sits above its first sub-column; widen the group's first sub-column when it is longer
        int[] groupStart = new int[t.columns().size()];
        for (int k = 0; k < groupStart.length; k++) {
            groupStart[k] = k == 0 ? 2 : 2 + SUB_BASE.length + (k - 1) * SUB_COLUMN.length;
            int end = k == 0 ? 2 + SUB_BASE.length : groupStart[k] + SUB_COLUMN.length;
            int span = -2;
            for (int i = groupStart[k]; i < end; i++) {
                span += widths[i] + 2;
            }
            String label = Cells.printable(t.columns().get(k));
            int need = label.codePointCount(0, label.length());
            if (need > span) {
                widths[groupStart[k]] += need - span;
            }
        }
        StringBuilder sb = new StringBuilder("perf compare: ")
                .append(Cells.printable(heading(t)))
                .append('\n');
        sb.append(labels(t, widths, groupStart)).append('\n');
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean right = i >= 2 && !isVerdict(i);
                line.append(Cells.pad(r[i], widths[i], right)).append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
        for (int c = 0; c < t.comparisons().size(); c++) {
            Comparison cmp = t.comparisons().get(c);
            sb.append(Cells.printable(t.columns().get(c + 1)))
                    .append(": ")
                    .append(ComparisonCells.summaryLine(cmp))
                    .append('\n');
            for (Row r : cmp.rows()) {
                if (r.verdict() != Verdict.UNCHANGED) {
                    sb.append("  ")
                            .append(r.verdict().json())
                            .append(": ")
                            .append(Cells.printable(r.displayName() + " " + r.metric() + ": " + r.reason()))
                            .append('\n');
                }
            }
            for (Comparison.EnvironmentDifference d : cmp.environment()) {
                sb.append("  environment differs: ")
                        .append(Cells.printable(d.field() + ": " + d.base() + " -> " + d.current()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** The line of column labels, each centred over its sub-columns (which are wide enough for it), as benchstat does. */
    private static String labels(ComparisonTable t, int[] widths, int[] groupStart) {
        StringBuilder sb = new StringBuilder();
        int written = 0;
        for (int k = 0; k < groupStart.length; k++) {
            int start = 0;
            for (int i = 0; i < groupStart[k]; i++) {
                start += widths[i] + 2;
            }
            int end = k + 1 < groupStart.length ? groupStart[k + 1] : widths.length;
            int span = -2;
            for (int i = groupStart[k]; i < end; i++) {
                span += widths[i] + 2;
            }
            String label = Cells.printable(t.columns().get(k));
            int length = label.codePointCount(0, label.length());
            int at = start + Math.max(0, (span - length) / 2);
            sb.append(" ".repeat(Math.max(0, at - written))).append(label);
            written = Math.max(at, written) + length;
        }
        return sb.toString();
    }

    private static boolean isVerdict(int column) {
        return column >= 2 + SUB_BASE.length
                && (column - 2 - SUB_BASE.length) % SUB_COLUMN.length == SUB_COLUMN.length - 1;
    }

    /** GitHub-flavoured Markdown: the table, then each column's summary and the reasons in a collapsible block. */
    static String markdown(ComparisonTable t) {
        StringBuilder sb = new StringBuilder("## perf compare\n\n")
                .append(Markdown.escape(heading(t)))
                .append("\n\n| Benchmark | Metric | `")
                .append(Markdown.code(t.base()))
                .append("` |");
        StringBuilder align = new StringBuilder("|---|---|---:|");
        for (int k = 1; k < t.columns().size(); k++) {
            sb.append(" `").append(Markdown.code(t.columns().get(k))).append("` | vs base |");
            align.append("---:|---|");
        }
        sb.append('\n').append(align).append('\n');
        for (Line l : t.lines()) {
            String[] c = cells(l);
            sb.append("| ")
                    .append(Markdown.escape(c[0]))
                    .append(" | ")
                    .append(Markdown.escape(c[1]))
                    .append(" | ")
                    .append(join(c[2], c[3]))
                    .append(" |");
            for (Row r : l.cells()) {
                if (r == null) {
                    sb.append(" | – |");
                    continue;
                }
                sb.append(' ')
                        .append(join(ComparisonCells.value(r.current()), spread(r.current())))
                        .append(" | ")
                        .append(MarkdownWriter.emoji(r.verdict()))
                        .append(' ')
                        .append(r.base() == null || r.current() == null ? "" : Numbers.change(r.change()) + " ")
                        .append(
                                Double.isNaN(r.p())
                                        ? ""
                                        : "(p=" + ComparisonCells.p(r.p()) + " n=" + ComparisonCells.n(r) + ") ")
                        .append(r.verdict().json())
                        .append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
        for (int k = 0; k < t.comparisons().size(); k++) {
            sb.append("- `")
                    .append(Markdown.code(t.columns().get(k + 1)))
                    .append("`: ")
                    .append(Markdown.escape(
                            ComparisonCells.summaryLine(t.comparisons().get(k))))
                    .append('\n');
        }
        sb.append("\n<details><summary>Reasons</summary>\n\n");
        sb.append("| Column | Benchmark | Metric | Verdict | Reason |\n|---|---|---|---|---|\n");
        for (int k = 0; k < t.comparisons().size(); k++) {
            for (Row r : t.comparisons().get(k).rows()) {
                sb.append("| `")
                        .append(Markdown.code(t.columns().get(k + 1)))
                        .append("` | ")
                        .append(Markdown.escape(r.displayName()))
                        .append(" | ")
                        .append(Markdown.escape(r.metric()))
                        .append(" | ")
                        .append(r.verdict().json())
                        .append(" | ")
                        .append(Markdown.escape(r.reason()))
                        .append(" |\n");
            }
        }
        return sb.append("\n</details>\n").toString();
    }

    private static String join(String median, String spread) {
        return spread.isEmpty() ? median : median + " " + spread;
    }
}
