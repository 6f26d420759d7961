package dev.perf.report;

import dev.perf.result.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every format says of a scalability curve of a load matrix: its title and its knee and USL fit in words. Pure. */
final class ScalingCells {
    private ScalingCells() {}

    static String title(Scaling.Curve c) {
        return c.loop() + " by " + c.parameter() + (c.fixed().isEmpty() ? "" : " " + fixed(c.fixed()));
    }

    static String fixed(Map<String, String> fixed) {
        List<String> parts = new ArrayList<>();
        fixed.forEach((k, v) -> parts.add(k + "=" + v));
        return "(" + String.join(", ", parts) + ")";
    }

    /** The knee and the USL fit in words. */
    static String verdict(Scaling.Curve c) {
        if (c.axis() == Scaling.Axis.OTHER) {
            return "no knee or USL fit: " + c.parameter() + " is neither the loop's users or connections nor its"
                    + " asked rate";
        }
        String knee = c.knee() == null
                ? "scales over every step"
                : "knee at " + c.parameter() + " = " + Scaling.label(c.knee()) + " (" + c.kneeReason() + ")";
        if (c.axis() == Scaling.Axis.RATE) {
            return knee + "; no USL fit: " + c.parameter() + " is the asked rate, which an open model's throughput"
                    + " follows by construction";
        }
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
}
