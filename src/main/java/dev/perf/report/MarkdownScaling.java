package dev.perf.report;

import static dev.perf.report.ScalingCells.title;
import static dev.perf.report.ScalingCells.verdict;

import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;

/** The scalability curves of a load matrix as Markdown: a table and a Mermaid chart per curve. Pure. */
final class MarkdownScaling {
    private MarkdownScaling() {}

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
}
