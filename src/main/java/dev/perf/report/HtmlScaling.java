package dev.perf.report;

import static dev.perf.report.ScalingCells.title;
import static dev.perf.report.ScalingCells.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The scalability curves of a load matrix as HTML: SVG charts of throughput and p99 per curve. Pure. */
final class HtmlScaling {
    private HtmlScaling() {}

    static void html(StringBuilder body, List<Scaling.Curve> curves) {
        if (curves.isEmpty()) {
            return;
        }
        body.append("<h3>Scalability</h3>\n");
        for (Scaling.Curve c : curves) {
            double[] x = c.points().stream().mapToDouble(Scaling.Point::x).toArray();
            List<Svg.Series> series = new ArrayList<>();
            series.add(new Svg.Series(
                    "throughput",
                    x,
                    c.points().stream().mapToDouble(Scaling.Point::throughput).toArray(),
                    c.points().stream()
                            .mapToDouble(Scaling.Point::throughputLow)
                            .toArray(),
                    c.points().stream()
                            .mapToDouble(Scaling.Point::throughputHigh)
                            .toArray()));
            if (c.usl() != null) {
                Scaling.Usl u = c.usl();
                series.add(new Svg.Series(
                        "USL fit",
                        x,
                        Arrays.stream(x)
                                .map(n -> u.lambda() * n / (1 + u.sigma() * (n - 1) + u.kappa() * n * (n - 1)))
                                .toArray()));
            }
            List<Svg.Marker> markers = c.knee() == null ? List.of() : List.of(new Svg.Marker(c.knee(), "knee"));
            body.append(Svg.line(new Svg.LineChart(title(c), c.parameter(), "ops/s", series, null, markers, true)));
            Svg.Series p99 = new Svg.Series(
                    "p99",
                    x,
                    c.points().stream().mapToDouble(Scaling.Point::p99Ms).toArray(),
                    c.points().stream().mapToDouble(Scaling.Point::p99Low).toArray(),
                    c.points().stream().mapToDouble(Scaling.Point::p99High).toArray());
            body.append(Svg.line(
                    new Svg.LineChart(title(c) + ": p99", c.parameter(), "ms", List.of(p99), null, markers, true)));
            body.append("<p>").append(Html.escape(verdict(c))).append("</p>\n");
        }
    }
}
