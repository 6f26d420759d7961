package dev.perf.observe;

import dev.perf.result.GeneratorBound;
import dev.perf.result.LoadDetails;
import dev.perf.result.Observed;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.ObserveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges targets on the service's own figures: a whole-run value within {@code min}/{@code max} and at or better
 * than {@code target} passes, meeting only {@code acceptable} warns, else it fails; a series that could not be
 * read, or a run whose generator set the pace and did not send its whole schedule, is inconclusive. Pure.
 */
public final class ObservedJudge {
    private ObservedJudge() {}

    public static List<LoadDetails.TargetVerdict> judge(
            Map<String, LoadSpec.Slo> targets, ObserveSpec spec, List<Observed> observed, GeneratorBound bound) {
        List<LoadDetails.TargetVerdict> out = new ArrayList<>();
        targets.forEach((name, slo) -> {
            ObserveSpec.Series series = spec.series().get(name);
            Observed o = observed.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElse(null);
            double current = o == null ? Double.NaN : o.value();
            String status;
            String reason = null;
            if (bound != null && !bound.delivered()) {
                status = "inconclusive";
                reason = bound.reason();
            } else if (Double.isNaN(current)) {
                status = "inconclusive";
                reason = o != null && o.warning() != null ? o.warning() : "no value of " + name + " was read";
            } else if ((slo.min() != null && current < slo.min()) || (slo.max() != null && current > slo.max())) {
                status = "fail";
            } else if (slo.target() != null && meets(current, series.value(name, slo.target()), series)) {
                status = "pass";
            } else if (slo.acceptable() != null && meets(current, series.value(name, slo.acceptable()), series)) {
                status = slo.target() == null ? "pass" : "warn";
            } else {
                status = slo.target() == null && slo.acceptable() == null ? "pass" : "fail";
            }
            if (bound != null && bound.delivered() && reason == null) {
                // the service was offered the whole schedule: its own figures are its own, whatever perf went through
                reason = "the service's own figure, judged though generator-bound: perf sent its whole schedule ("
                        + bound.reason() + ")";
            }
            out.add(new LoadDetails.TargetVerdict(
                    name, target(slo), acceptable(slo), current, series.unit(), status, reason));
        });
        return out;
    }

    private static boolean meets(double current, double limit, ObserveSpec.Series series) {
        return series.higherIsBetter() ? current >= limit : current <= limit;
    }

    private static String target(LoadSpec.Slo slo) {
        return slo.target();
    }

    /** The acceptable limit as shown: the bounds when given ({@code >= 0.8}, {@code <= 100}, {@code 1 .. 2}). */
    private static String acceptable(LoadSpec.Slo slo) {
        if (slo.min() != null && slo.max() != null) {
            return num(slo.min()) + " .. " + num(slo.max());
        }
        if (slo.min() != null) {
            return ">= " + num(slo.min());
        }
        if (slo.max() != null) {
            return "<= " + num(slo.max());
        }
        return slo.acceptable();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
