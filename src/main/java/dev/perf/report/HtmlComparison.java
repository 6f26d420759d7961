package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.ComparisonTable;
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
        forest(body, c);
        body.append("<table><tr><th>Benchmark</th><th>Metric</th><th>Base</th><th>Current</th><th>Change</th>"
                + "<th>CI</th><th>p</th><th>Verdict</th><th>Reason</th></tr>\n");
        for (Comparison.Row row : c.rows()) {
            body.append("<tr><td>")
                    .append(Html.escape(row.displayName()))
                    .append("</td><td>")
                    .append(Html.escape(ComparisonCells.metric(row)))
                    .append("</td><td class=\"n\">")
                    .append(ComparisonCells.value(row, row.base()))
                    .append("</td><td class=\"n\">")
                    .append(ComparisonCells.value(row, row.current()))
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
        environment(body, null, List.of(c));
        body.append("</section>\n");
        if (current != null) {
            body.append("<h2>Current run</h2>\n");
            HtmlRun.runSections(body, current, RunReport.of(current));
        }
        return HtmlPage.page("perf compare", body, version, c.base() + " vs " + c.current());
    }

    /** A heading per column of an N-way table: the base's, then each other's with its change. */
    private static StringBuilder headings(StringBuilder body, List<String> columns) {
        for (int k = 0; k < columns.size(); k++) {
            String column = columns.get(k);
            body.append("<th title=\"")
                    .append(Html.escape(column))
                    .append("\">")
                    .append(Html.escape(shortName(column)))
                    .append(k == 0 ? "</th>" : "</th><th>vs base</th>");
        }
        return body;
    }

    /** The configuration keys each column's runs differ in from the base's, as a table. */
    private static StringBuilder environment(StringBuilder body, ComparisonTable t) {
        return environment(body, t.columns().subList(1, t.columns().size()), t.comparisons());
    }

    /**
     * The configuration keys each comparison's runs differ in, as a table (with the column of an N-way view when
     * {@code columns} is not null); nothing when they all agree.
     */
    private static StringBuilder environment(StringBuilder body, List<String> columns, List<Comparison> comparisons) {
        if (comparisons.stream().allMatch(c -> c.environment().isEmpty())) {
            return body;
        }
        body.append("<h3>Environment differences</h3><table><tr>")
                .append(columns == null ? "" : "<th>Column</th>")
                .append("<th>Field</th><th>Base</th><th>Current</th></tr>");
        for (int k = 0; k < comparisons.size(); k++) {
            for (Comparison.EnvironmentDifference d : comparisons.get(k).environment()) {
                body.append("<tr>");
                if (columns != null) {
                    body.append("<td>").append(Html.escape(columns.get(k))).append("</td>");
                }
                body.append("<td>")
                        .append(Html.escape(d.field()))
                        .append("</td><td>")
                        .append(Html.escape(d.base()))
                        .append("</td><td>")
                        .append(Html.escape(d.current()))
                        .append("</td></tr>");
            }
        }
        return body.append("</table>\n");
    }

    /** The page of an N-way view: per column its summary, a forest plot of every change, the table, then the runs. */
    static String table(ComparisonTable t, Subject.Runs runs, String version) {
        StringBuilder body = new StringBuilder("<h1>perf compare</h1>\n<p class=\"summary\">")
                .append(Html.escape(TableCells.heading(t)))
                .append("</p>\n<ul>");
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        for (int k = 0; k < t.comparisons().size(); k++) {
            Comparison c = t.comparisons().get(k);
            String column = t.columns().get(k + 1);
            body.append("<li><code>")
                    .append(Html.escape(column))
                    .append("</code>: ")
                    .append(Html.escape(ComparisonCells.summaryLine(c)))
                    .append("</li>");
            for (Comparison.Row row : c.rows()) {
                if (row.base() != null && row.current() != null && !Double.isNaN(row.change())) {
                    labels.add(shortName(column) + ": " + row.displayName() + " " + row.metric());
                    points.add(100 * row.change());
                    lows.add(100 * row.changeLower());
                    highs.add(100 * row.changeUpper());
                    colours.add(colour(row.verdict()));
                }
            }
        }
        environment(body.append("</ul>\n"), t)
                .append("<section id=\"comparison\"><h2>Changes</h2>\n")
                .append(SvgPlots.intervals(
                        "change of the median with its interval, each column against the first",
                        "change, % (column vs base)",
                        labels,
                        HtmlPage.array(points),
                        HtmlPage.array(lows),
                        HtmlPage.array(highs),
                        colours))
                .append("<table><tr><th>Benchmark</th><th>Metric</th>");
        headings(body, t.columns()).append("</tr>\n");
        for (ComparisonTable.Line line : t.lines()) {
            body.append("<tr><td>")
                    .append(Html.escape(line.displayName()))
                    .append("</td><td>")
                    .append(Html.escape(TableCells.metric(line)))
                    .append("</td>")
                    .append(HtmlPage.cell(median(line.base(), TableCells.scale(line))));
            for (Comparison.Row r : line.cells()) {
                if (r == null) {
                    body.append("<td></td><td class=\"missing\">–</td>");
                    continue;
                }
                body.append(HtmlPage.cell(median(r.current(), TableCells.scale(line))))
                        .append("<td class=\"")
                        .append(r.verdict().json())
                        .append("\" title=\"")
                        .append(Html.escape(r.reason()))
                        .append("\">")
                        .append(Html.escape(
                                (r.base() == null || r.current() == null ? "" : Numbers.change(r.change()) + " ")
                                        + (Double.isNaN(r.p()) ? "" : "(p=" + ComparisonCells.p(r.p()) + ") ")
                                        + r.verdict().json()))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n</section>\n");
        if (runs != null) {
            for (int i = 0; i < runs.results().size(); i++) {
                body.append("<h2>").append(Html.escape(runs.labels().get(i))).append("</h2>\n");
                HtmlRun.runSections(body, runs.results().get(i), runs.views().get(i));
            }
        }
        return HtmlPage.page("perf compare", body, version, String.join(" vs ", t.columns()));
    }

    /**
     * The forest plot of the changes with their intervals; rows below the noise floor stay off it (a +518 % change of
     * 0.00016 B/op would set the axis for every real change) and a note says how many.
     */
    private static void forest(StringBuilder body, Comparison c) {
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        int belowFloor = 0;
        for (Comparison.Row row : c.rows()) {
            if (row.base() == null || row.current() == null || Double.isNaN(row.change())) {
                continue;
            }
            if (row.belowNoiseFloor()) {
                belowFloor++; // +518 % of 0.00016 B/op would set the axis for every real change
                continue;
            }
            labels.add(row.displayName() + " " + row.metric());
            points.add(100 * row.change());
            lows.add(100 * row.changeLower());
            highs.add(100 * row.changeUpper());
            colours.add(colour(row.verdict()));
        }
        body.append(SvgPlots.intervals(
                "change of the median with its confidence interval",
                "change, % (current vs base)",
                labels,
                HtmlPage.array(points),
                HtmlPage.array(lows),
                HtmlPage.array(highs),
                colours));
        if (belowFloor > 0) {
            body.append("<p class=\"note\">")
                    .append(belowFloor)
                    .append(belowFloor == 1 ? " row differs" : " rows differ")
                    .append(" by less than the noise floor (a count per operation below one, or the values'"
                            + " resolution): unchanged, and not drawn.</p>\n");
        }
    }

    /** A column's label without its directories, so that the plot's labels show what differs. */
    private static String shortName(String label) {
        return label.substring(label.lastIndexOf('/') + 1);
    }

    private static String median(Comparison.Side side, Numbers.Scale scale) {
        return side == null || side.n() == 0 ? "" : ComparisonCells.value(side, scale) + " " + TableCells.spread(side);
    }

    private static String colour(Verdict v) {
        return switch (v) {
            case FAIL, INVALID -> "#b91c1c";
            case WARN -> "#b45309";
            case IMPROVED -> "#15803d";
            default -> "#2563eb";
        };
    }
}
