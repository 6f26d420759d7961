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
                    "\n", runs.results().stream().map(MarkdownRun::run).toList());
        }
        if (subject instanceof Subject.Compared c) {
            String table = comparison(c.comparison());
            return c.current() == null ? table : table + "\n" + MarkdownRun.run(c.current());
        }
        if (subject instanceof Subject.Table t) {
            String table = MarkdownTable.markdown(t.table());
            return t.runs() == null ? table : table + "\n" + write(t.runs(), options);
        }
        return history(((Subject.Trend) subject).history());
    }

    static String emoji(Verdict v) {
        return switch (v) {
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case IMPROVED -> "✅";
            case UNCHANGED -> "➖";
            case INCONCLUSIVE -> "❔";
            case INVALID -> "⛔";
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
                    .append(ComparisonCells.value(r, r.base()))
                    .append(" | ")
                    .append(ComparisonCells.value(r, r.current()))
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
                        "; p is the two-sided exact U test; p(verdict) the one-sided U test against the threshold-shifted"
                                + " base behind a fail (base × (1 + warn)), warn or improvement (warn / 2), or for an"
                                + " unchanged row the smallest of its warn and improvement tests. A fail needs the change"
                                + " beyond the fail threshold (on the log ratio), p(verdict) ≤ α and Welch's t on the log"
                                + " values ≤ 0.4 α; a warn likewise at the warn threshold with t ≤ 0.1 α.\n");
        sb.append("\n</details>\n");
        environment(sb, null, List.of(c));
        return sb.toString();
    }

    /**
     * The configuration keys each comparison's runs differ in: a warning line and a table (with the column of an
     * N-way view when {@code columns} is not null); nothing when they all agree.
     */
    static void environment(StringBuilder sb, List<String> columns, List<Comparison> comparisons) {
        int keys = comparisons.stream().mapToInt(c -> c.environment().size()).sum();
        if (keys == 0) {
            return;
        }
        sb.append("\n⚠️ **Environments differ** in ")
                .append(keys)
                .append(keys == 1 ? " key" : " keys")
                .append(": a change may be theirs, not the code's.\n\n")
                .append(columns == null ? "" : "| Column ")
                .append("| Configuration | Base | Current |\n")
                .append(columns == null ? "" : "|---")
                .append("|---|---|---|\n");
        for (int k = 0; k < comparisons.size(); k++) {
            for (Comparison.EnvironmentDifference d : comparisons.get(k).environment()) {
                if (columns != null) {
                    sb.append("| `").append(Markdown.code(columns.get(k))).append("` ");
                }
                sb.append("| ")
                        .append(Markdown.escape(d.field()))
                        .append(" | ")
                        .append(Markdown.escape(d.base()))
                        .append(" | ")
                        .append(Markdown.escape(d.current()))
                        .append(" |\n");
            }
        }
    }

    /** The history as Markdown: a trend table, the change points, and a Mermaid chart per changed series. */
    static String history(History h) {
        List<History.Run> runs = h.runs();
        List<History.Series> series = h.series();
        StringBuilder sb = new StringBuilder("## perf history\n\n");
        int changes = series.stream().mapToInt(s -> s.changePoints().size()).sum();
        sb.append(runs.size())
                .append(" runs (")
                .append(Markdown.escape(runs.get(0).label()))
                .append(" … ")
                .append(Markdown.escape(runs.get(runs.size() - 1).label()))
                .append(") · ")
                .append(series.size())
                .append(" series · ")
                .append(changes)
                .append(" change points\n\nChange points: ")
                .append(Markdown.escape(h.method()))
                .append(".\n\n");
        sb.append("| Benchmark | Metric | Unit | Runs | First | Last | Last vs first | Change points |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---|\n");
        for (History.Series s : series) {
            double first = s.values().get(0);
            double last = s.values().get(s.values().size() - 1);
            List<String> cps = new ArrayList<>();
            for (History.Change c : s.changePoints()) {
                cps.add(Numbers.change(c.relativeChange()) + " at `" + Markdown.code(c.run()) + "`"
                        + (c.commit() == null ? "" : " (`" + Markdown.code(c.commit()) + "`)")
                        + ", p=" + Numbers.fixed(c.pValue(), 3));
            }
            sb.append("| ")
                    .append(Markdown.escape(s.benchmark()))
                    .append(" | ")
                    .append(Markdown.escape(s.metric()))
                    .append(" | ")
                    .append(Markdown.escape(s.unit()))
                    .append(" | ")
                    .append(s.values().size())
                    .append(" | ")
                    .append(Numbers.label(first))
                    .append(" | ")
                    .append(Numbers.label(last))
                    .append(" | ")
                    .append(Numbers.change(first == 0 ? Double.NaN : last / first - 1))
                    .append(" | ")
                    .append(cps.isEmpty() ? "none" : String.join("; ", cps).replace("|", "\\|"))
                    .append(" |\n");
        }
        int charts = 0;
        for (History.Series s : series) {
            if (s.changePoints().isEmpty() || charts++ >= 20) {
                continue;
            }
            sb.append('\n')
                    .append(MarkdownRun.mermaid(
                            s.benchmark() + " " + s.metric() + " (" + s.unit() + ") by run",
                            "run",
                            s.unit(),
                            s.values().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
