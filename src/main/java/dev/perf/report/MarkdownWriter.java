package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Verdict;
import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;

/** GitHub-flavoured Markdown: a run report, a comparison (then the current run), a history. */
final class MarkdownWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            return String.join(
                    "\n", runs.results().stream().map(MarkdownReport::run).toList());
        }
        if (subject instanceof Subject.Compared c) {
            String table = comparison(c.comparison());
            return c.current() == null ? table : table + "\n" + MarkdownReport.run(c.current());
        }
        return ((Subject.Trend) subject).history().markdown();
    }

    private static String emoji(Verdict v) {
        return switch (v) {
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case IMPROVED -> "✅";
            case UNCHANGED -> "➖";
            case INCONCLUSIVE -> "❔";
            case MISSING -> "🚫";
            case NEW -> "🆕";
        };
    }

    /** GitHub-flavoured Markdown for a PR comment or step summary, statistics in a collapsible block. */
    static String comparison(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## perf compare\n\n");
        sb.append("`")
                .append(Markdown.code(c.base()))
                .append("` → `")
                .append(Markdown.code(c.current()))
                .append("`: ")
                .append(Markdown.escape(ComparisonCells.summaryLine(c)))
                .append("\n\n");
        sb.append("| | Benchmark | Metric | Base | Current | Change | Verdict |\n");
        sb.append("|---|---|---|---:|---:|---:|---|\n");
        for (Row r : c.rows()) {
            sb.append("| ")
                    .append(emoji(r.verdict()))
                    .append(" | ")
                    .append(Markdown.escape(r.displayName()))
                    .append(" | ")
                    .append(Markdown.escape(ComparisonCells.metric(r)))
                    .append(" | ")
                    .append(ComparisonCells.value(r.base()))
                    .append(" | ")
                    .append(ComparisonCells.value(r.current()))
                    .append(" | ")
                    .append(Numbers.change(r.change()))
                    .append(" | ")
                    .append(r.verdict().json())
                    .append(" |\n");
        }
        sb.append("\n<details><summary>Statistics: n, p, p(verdict), ")
                .append(ComparisonCells.level(c.confidence()))
                .append(" CI of the change, test, reason</summary>\n\n");
        sb.append("| Benchmark | Metric | n | p | p(verdict) | CI | Test | Reason |\n");
        sb.append("|---|---|---:|---:|---:|---|---|---|\n");
        for (Row r : c.rows()) {
            sb.append("| ")
                    .append(Markdown.escape(r.displayName()))
                    .append(" | ")
                    .append(Markdown.escape(ComparisonCells.metric(r)))
                    .append(" | ")
                    .append(ComparisonCells.n(r))
                    .append(" | ")
                    .append(ComparisonCells.p(r.p()))
                    .append(" | ")
                    .append(ComparisonCells.p(r.q()))
                    .append(" | ")
                    .append(ComparisonCells.interval(r.changeLower(), r.changeUpper()))
                    .append(" | ")
                    .append(Markdown.escape(r.test()))
                    .append(" | ")
                    .append(Markdown.escape(r.reason()))
                    .append(" |\n");
        }
        sb.append("\nα = ")
                .append(c.alpha())
                .append(", adjustment ")
                .append(c.adjustment())
                .append(
                        "; p is the two-sided exact U test; p(verdict) the one-sided test against the threshold-shifted "
                                + "base behind a fail (base × (1 + warn)), warn or improvement (warn / 2). A fail needs the "
                                + "change beyond the fail threshold and p(verdict) ≤ α; a warn likewise at the warn threshold.\n");
        sb.append("\n</details>\n");
        if (!c.environment().isEmpty()) {
            sb.append("\n**Environments differ**: ");
            List<String> diffs = new ArrayList<>();
            for (Comparison.EnvironmentDifference d : c.environment()) {
                diffs.add(Markdown.escape(d.field()) + " " + Markdown.escape(d.base()) + " → "
                        + Markdown.escape(d.current()));
            }
            sb.append(String.join("; ", diffs)).append("\n");
        }
        return sb.toString();
    }
}
