package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scalability curves of a load matrix as Markdown (table + Mermaid chart), HTML (SVG) and text. Pure. */
final class ScalingReport {
    private ScalingReport() {}

    private static String title(Scaling.Curve c) {
        return c.loop() + " by " + c.parameter() + (c.fixed().isEmpty() ? "" : " " + fixed(c.fixed()));
    }

    private static String fixed(Map<String, String> fixed) {
        List<String> parts = new ArrayList<>();
        fixed.forEach((k, v) -> parts.add(k + "=" + v));
        return "(" + String.join(", ", parts) + ")";
    }

    /** The knee and the USL fit in words. */
    static String verdict(Scaling.Curve c) {
        String knee = c.knee() == null
                ? "scales over every step"
                : "knee at " + c.parameter() + " = " + Scaling.label(c.knee()) + " (" + c.kneeReason() + ")";
        Scaling.Usl u = c.usl();
        if (u == null) {
            return knee + (c.points().size() < 4 ? "; USL fit needs 4 points" : "; no USL fit");
        }
        return knee
                + String.format(
                        Locale.ROOT,
                        "; USL fit λ %s ops/s, σ %.4f (contention), κ %.6f (coherency)%s",
                        Numbers.label(u.lambda()),
                        u.sigma(),
                        u.kappa(),
                        Double.isNaN(u.peakAt())
                                ? ", no predicted peak (κ ≤ 0)"
                                : ", predicted peak " + Numbers.label(u.peakThroughput()) + " ops/s at " + c.parameter()
                                        + " ≈ " + Numbers.label(u.peakAt()));
    }

    static String markdown(List<Scaling.Curve> curves) {
        if (curves.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("### Scalability\n\n");
        for (Scaling.Curve c : curves) {
            sb.append("#### ").append(Markdown.escape(title(c))).append("\n\n");
            sb.append(Markdown.escape(verdict(c))).append(".\n\n");
            sb.append("| ")
                    .append(Markdown.escape(c.parameter()))
                    .append(" | Throughput/s | Repeats min–max | p99 ms | Repeats min–max |\n");
            sb.append("|---:|---:|---:|---:|---:|\n");
            for (Scaling.Point p : c.points()) {
                sb.append("| ")
                        .append(Scaling.label(p.x()))
                        .append(" | ")
                        .append(Numbers.fixed(p.throughput(), 1))
                        .append(" | ")
                        .append(
                                p.throughputLow() == p.throughputHigh()
                                        ? ""
                                        : Numbers.fixed(p.throughputLow(), 1) + "–"
                                                + Numbers.fixed(p.throughputHigh(), 1))
                        .append(" | ")
                        .append(Numbers.fixed(p.p99Ms(), 3))
                        .append(" | ")
                        .append(
                                p.p99Low() == p.p99High()
                                        ? ""
                                        : Numbers.fixed(p.p99Low(), 3) + "–" + Numbers.fixed(p.p99High(), 3))
                        .append(" |\n");
            }
            sb.append('\n');
            List<String> xs = new ArrayList<>();
            List<String> ys = new ArrayList<>();
            for (Scaling.Point p : c.points()) {
                xs.add(Scaling.label(p.x()));
                ys.add(Numbers.label(p.throughput()));
            }
            sb.append("```mermaid\nxychart-beta\n    title \"")
                    .append(MarkdownRun.mermaidText(title(c)))
                    .append("\"\n    x-axis \"")
                    .append(MarkdownRun.mermaidText(c.parameter()))
                    .append("\" [")
                    .append(String.join(", ", xs))
                    .append("]\n    y-axis \"ops/s\"\n    line [")
                    .append(String.join(", ", ys))
                    .append("]\n```\n\n");
        }
        return sb.toString();
    }

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

    static String text(List<Scaling.Curve> curves) {
        StringBuilder sb = new StringBuilder();
        for (Scaling.Curve c : curves) {
            sb.append("scaling: ")
                    .append(Cells.printable(title(c)))
                    .append(": ")
                    .append(Cells.printable(verdict(c)))
                    .append('\n');
        }
        return sb.toString();
    }
}
