package dev.perf.report;

import static dev.perf.report.TableCells.SUB_BASE;
import static dev.perf.report.TableCells.SUB_COLUMN;
import static dev.perf.report.TableCells.cells;
import static dev.perf.report.TableCells.heading;
import static dev.perf.report.TableCells.isVerdict;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The N-way view as fixed-width text, for {@link TextWriter}. Pure. */
final class TextTable {
    private TextTable() {}

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
            int span = span(widths, groupStart[k], k == 0 ? 2 + SUB_BASE.length : groupStart[k] + SUB_COLUMN.length);
            String label = Cells.printable(t.columns().get(k));
            int need = label.codePointCount(0, label.length());
            if (need > span) {
                widths[groupStart[k]] += need - span;
            }
        }
        StringBuilder sb = new StringBuilder("perf compare: ")
                .append(Cells.printable(heading(t)))
                .append('\n');
        List<List<Integer>> blocks = blocks(widths, groupStart);
        for (int b = 0; b < blocks.size(); b++) {
            if (b > 0) {
                sb.append('\n');
            }
            List<Integer> groups = blocks.get(b);
            List<Integer> columns = columns(groups, groupStart, widths.length);
            sb.append(labels(t, widths, groupStart, groups)).append('\n');
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i : columns) {
                    boolean right = i >= 2 && !isVerdict(i);
                    line.append(Cells.pad(r[i], widths[i], right)).append("  ");
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        if (rows.stream().anyMatch(r -> List.of(r).contains("±∞"))) {
            sb.append(INFINITE_SPREAD).append('\n');
        }
        sb.append('\n');
        summaries(sb, t);
        return sb.toString();
    }

    /** Per column: its summary line, the reasons of its rows that changed, and how its environment differs. */
    private static void summaries(StringBuilder sb, ComparisonTable t) {
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
    }

    /** The widest a line of the table gets before its columns go on in a block below: a terminal's 120. */
    static final int WIDTH = 120;

    /** The footnote of a {@code ±∞} cell. */
    static final String INFINITE_SPREAD =
            "±∞: too few samples for an interval of the median at this confidence (95 % needs 6)";

    /**
     * The column groups of each block of the table: the base's (group 0) in every block, then as many of the others
     * as fit in {@link #WIDTH}, at least one a block.
     */
    static List<List<Integer>> blocks(int[] widths, int[] groupStart) {
        int fixed = span(widths, 0, groupStart.length > 1 ? groupStart[1] : widths.length);
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> block = new ArrayList<>(List.of(0));
        int used = fixed;
        for (int k = 1; k < groupStart.length; k++) {
            int end = k + 1 < groupStart.length ? groupStart[k + 1] : widths.length;
            int width = 2 + span(widths, groupStart[k], end);
            if (block.size() > 1 && used + width > WIDTH) {
                out.add(block);
                block = new ArrayList<>(List.of(0));
                used = fixed;
            }
            block.add(k);
            used += width;
        }
        out.add(block);
        return out;
    }

    /** The width of columns {@code from} to {@code to} (exclusive) with the two spaces between them. */
    private static int span(int[] widths, int from, int to) {
        int span = -2;
        for (int i = from; i < to; i++) {
            span += widths[i] + 2;
        }
        return span;
    }

    /** The cell indices of {@code groups}: Benchmark and Metric, then each group's sub-columns. */
    private static List<Integer> columns(List<Integer> groups, int[] groupStart, int count) {
        List<Integer> out = new ArrayList<>(List.of(0, 1));
        for (int k : groups) {
            int end = k + 1 < groupStart.length ? groupStart[k + 1] : count;
            for (int i = groupStart[k]; i < end; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The line of column labels of {@code groups}, each centred over its sub-columns (which are wide enough for it),
     * as benchstat does.
     */
    private static String labels(ComparisonTable t, int[] widths, int[] groupStart, List<Integer> groups) {
        StringBuilder sb = new StringBuilder();
        int written = 0;
        int start = widths[0] + 2 + widths[1] + 2;
        for (int k : groups) {
            int end = k + 1 < groupStart.length ? groupStart[k + 1] : widths.length;
            int span = span(widths, groupStart[k], end);
            String label = Cells.printable(t.columns().get(k));
            int length = label.codePointCount(0, label.length());
            int at = start + Math.max(0, (span - length) / 2);
            sb.append(" ".repeat(Math.max(0, at - written))).append(label);
            written = Math.max(at, written) + length;
            start += span + 2;
        }
        return sb.toString();
    }
}
