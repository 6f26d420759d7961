package dev.perf.report;

import static dev.perf.report.ScalingCells.title;
import static dev.perf.report.ScalingCells.verdict;

import java.util.List;

/** The scalability curves of a load matrix as text lines. Pure. */
final class TextScaling {
    private TextScaling() {}

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
