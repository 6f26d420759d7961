package dev.perf.report;

import static dev.perf.report.TableCells.cells;
import static dev.perf.report.TableCells.heading;
import static dev.perf.report.TableCells.spread;

import dev.perf.compare.Comparison.Row;
import dev.perf.compare.ComparisonTable;
import dev.perf.compare.ComparisonTable.Line;
import dev.perf.result.Numbers;
import java.util.List;

/** The N-way view as Markdown, for {@link MarkdownWriter}. Pure. */
final class MarkdownTable {
    private MarkdownTable() {}

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
            l.cells().forEach(r -> cell(sb, l, r));
            sb.append('\n');
        }
        sb.append('\n');
        if (t.lines().stream().anyMatch(l -> List.of(cells(l)).contains("±∞"))) {
            sb.append(TextTable.INFINITE_SPREAD).append("\n\n");
        }
        for (int k = 0; k < t.comparisons().size(); k++) {
            sb.append("- `")
                    .append(Markdown.code(t.columns().get(k + 1)))
                    .append("`: ")
                    .append(Markdown.escape(
                            ComparisonCells.summaryLine(t.comparisons().get(k))))
                    .append('\n');
        }
        MarkdownWriter.environment(sb, t.columns().subList(1, t.columns().size()), t.comparisons());
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

    /** One other column's cells of a line: its median and spread, then the change with p, n and the verdict. */
    private static void cell(StringBuilder sb, Line l, Row r) {
        if (r == null) {
            sb.append(" | – |");
            return;
        }
        sb.append(' ')
                .append(join(ComparisonCells.value(r.current(), TableCells.scale(l)), spread(r.current())))
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

    private static String join(String median, String spread) {
        return spread.isEmpty() ? median : median + " " + spread;
    }
}
