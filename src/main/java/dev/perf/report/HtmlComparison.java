package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTML of a comparison: verdict cards, a forest plot of the changes, the rows, then the current run. */
final class HtmlComparison {
    private HtmlComparison() {}

    /** The page comparing two results: verdicts, a forest plot of the changes, then the current run. */
    static String comparison(Comparison c, RunResult current, String version) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf compare</h1>\n<p class=\"summary\"><code>")
                .append(Html.escape(c.base()))
                .append("</code> → <code>")
                .append(Html.escape(c.current()))
                .append("</code>: ")
                .append(Html.escape(ComparisonCells.summaryLine(c)))
                .append("</p>\n<div class=\"cards\">");
        for (Verdict v : Verdict.values()) {
            long n = c.count(v);
            if (n > 0) {
                HtmlPage.card(
                        body,
                        v.name().toLowerCase(Locale.ROOT),
                        Long.toString(n),
                        v.name().toLowerCase(Locale.ROOT));
            }
        }
        body.append("</div>\n<section id=\"comparison\"><h2>Changes</h2>\n");
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        for (Comparison.Row row : c.rows()) {
            if (row.base() == null || row.current() == null || Double.isNaN(row.change())) {
                continue;
            }
            labels.add(row.displayName() + " " + row.metric());
            points.add(100 * row.change());
            lows.add(100 * row.changeLower());
            highs.add(100 * row.changeUpper());
            colours.add(
                    switch (row.verdict()) {
                        case FAIL -> "#b91c1c";
                        case WARN -> "#b45309";
                        case IMPROVED -> "#15803d";
                        default -> "#2563eb";
                    });
        }
        body.append(SvgPlots.intervals(
                "change of the median with its confidence interval",
                "change, % (current vs base)",
                labels,
                HtmlPage.array(points),
                HtmlPage.array(lows),
                HtmlPage.array(highs),
                colours));
        body.append("<table><tr><th>Benchmark</th><th>Metric</th><th>Base</th><th>Current</th><th>Change</th>"
                + "<th>CI</th><th>p</th><th>Verdict</th><th>Reason</th></tr>\n");
        for (Comparison.Row row : c.rows()) {
            body.append("<tr><td>")
                    .append(Html.escape(row.displayName()))
                    .append("</td><td>")
                    .append(Html.escape(row.metric() + " (" + row.unit() + ")"))
                    .append("</td><td class=\"n\">")
                    .append(row.base() == null ? "" : Numbers.label(row.base().median()))
                    .append("</td><td class=\"n\">")
                    .append(
                            row.current() == null
                                    ? ""
                                    : Numbers.label(row.current().median()))
                    .append("</td><td class=\"n\">")
                    .append(Html.escape(Numbers.change(row.change())))
                    .append("</td><td class=\"n\">")
                    .append(
                            Double.isNaN(row.changeLower())
                                    ? ""
                                    : Html.escape(Numbers.change(row.changeLower()) + " … "
                                            + Numbers.change(row.changeUpper())))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(row.p()) ? "" : String.format(Locale.ROOT, "%.4f", row.p()))
                    .append("</td><td class=\"")
                    .append(row.verdict().name().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(row.verdict().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(Html.escape(row.reason()))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        if (!c.environment().isEmpty()) {
            body.append("<h3>Environment differences</h3><table><tr><th>Field</th><th>Base</th><th>Current</th></tr>");
            for (Comparison.EnvironmentDifference d : c.environment()) {
                body.append("<tr><td>")
                        .append(Html.escape(d.field()))
                        .append("</td><td>")
                        .append(Html.escape(d.base()))
                        .append("</td><td>")
                        .append(Html.escape(d.current()))
                        .append("</td></tr>");
            }
            body.append("</table>\n");
        }
        body.append("</section>\n");
        if (current != null) {
            body.append("<h2>Current run</h2>\n");
            HtmlRun.runSections(body, current, RunReport.of(current));
        }
        return HtmlPage.page("perf compare", body, version, c.base() + " vs " + c.current());
    }
}
