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
}
