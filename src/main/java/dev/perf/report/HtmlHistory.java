package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTML of a history: one chart per series with its change points, and the change-point table. */
final class HtmlHistory {
    private HtmlHistory() {}

    /** The history page: per benchmark × metric a trend chart with its change points and a table. */
    static String history(History h, String version) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf history</h1>\n<p class=\"summary\">")
                .append(h.runs().size())
                .append(" runs from ")
                .append(Html.escape(h.runs().get(0).label()))
                .append(" to ")
                .append(Html.escape(h.runs().get(h.runs().size() - 1).label()))
                .append(" · ")
                .append(h.series().size())
                .append(" series · ")
                .append(h.series().stream()
                        .mapToInt(s -> s.changePoints().size())
                        .sum())
                .append(" change points (")
                .append(Html.escape(History.METHOD))
                .append(")</p>\n");
        for (History.Series s : h.series()) {
            body.append("<section class=\"series\"><h3>")
                    .append(Html.escape(s.benchmark()))
                    .append(" · ")
                    .append(Html.escape(s.metric()))
                    .append("</h3>\n");
            double[] x = new double[s.values().size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.runIndexes().get(i) + 1;
            }
            List<Svg.Marker> markers = new ArrayList<>();
            for (History.Change ch : s.changePoints()) {
                markers.add(new Svg.Marker(
                        ch.runIndex() + 1, "change at " + ch.run() + ": " + Numbers.change(ch.relativeChange())));
            }
            body.append(Svg.line(new Svg.LineChart(
                    s.benchmark() + " " + s.metric() + " by run",
                    "run (oldest first)",
                    s.unit(),
                    List.of(new Svg.Series(s.metric(), x, HtmlPage.array(s.values()))),
                    null,
                    markers,
                    false)));
            if (!s.changePoints().isEmpty()) {
                body.append("<table><tr><th>Change starts at run</th><th>Commit</th><th>Before</th><th>After</th>"
                        + "<th>Change</th><th>p</th></tr>");
                for (History.Change ch : s.changePoints()) {
                    body.append("<tr><td>")
                            .append(Html.escape(ch.run()))
                            .append("</td><td><code>")
                            .append(Html.escape(ch.commit() == null ? "" : ch.commit()))
                            .append("</code></td><td class=\"n\">")
                            .append(Numbers.label(ch.meanBefore()))
                            .append("</td><td class=\"n\">")
                            .append(Numbers.label(ch.meanAfter()))
                            .append("</td><td class=\"n\">")
                            .append(Html.escape(Numbers.change(ch.relativeChange())))
                            .append("</td><td class=\"n\">")
                            .append(String.format(Locale.ROOT, "%.3f", ch.pValue()))
                            .append("</td></tr>");
                }
                body.append("</table>\n");
            }
            body.append("</section>\n");
        }
        return HtmlPage.page("perf history", body, version, h.directory());
    }
}
