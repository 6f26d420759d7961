package dev.perf.load;

import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.SloKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges SLO targets against a load loop's whole-run values: meeting {@code target} passes, meeting only
 * {@code acceptable} warns, anything else fails; a generator-bound run is inconclusive; a latency target of a
 * run whose every operation failed fails (failures are often fast). Pure.
 */
public final class SloJudge {
    private SloJudge() {}

    static List<LoadDetails.TargetVerdict> judge(
            Map<String, LoadSpec.Slo> targets, Map<String, Double> overall, String bound) {
        List<LoadDetails.TargetVerdict> out = new ArrayList<>();
        targets.forEach((metric, slo) -> {
            SloKind kind = SloKind.of(metric);
            double current = overall.getOrDefault(metric, Double.NaN);
            String unit = kind.unit();
            boolean higherIsBetter = kind.higherIsBetter();
            String status;
            String reason = null;
            if (bound != null) {
                status = "inconclusive";
                reason = bound;
            } else if (Double.isNaN(current)
                    && metric.equals("heapGrowth")
                    && !overall.containsKey(metric + ".windows")) {
                status = "inconclusive";
                reason = "no Java heap readings: no monitored process is a HotSpot JVM of this user publishing its"
                        + " counters (hsperfdata; not with -XX:-UsePerfData)";
            } else if (Double.isNaN(current)) {
                status = "inconclusive";
                reason = kind == SloKind.GROWTH || kind == SloKind.DRIFT
                        ? "no trend: "
                                + overall.getOrDefault(metric + ".windows", 0.0).intValue() + " windows"
                                + (kind == SloKind.GROWTH ? " of a monitored process" : "") + ", at least "
                                + Trends.MIN_WINDOWS + " are needed"
                        : "no operation completed";
            } else if (kind == SloKind.LATENCY && overall.getOrDefault("errorRate", 0.0) >= 100.0) {
                // a refused connection is fast: the latency of failures would pass a latency target
                status = "fail";
                reason = "every operation failed (errorRate 100 %): there is no answer whose latency to judge";
            } else if (slo.target() != null && meets(current, kind.value(slo.target()), higherIsBetter)) {
                status = "pass";
            } else if (slo.acceptable() != null && meets(current, kind.value(slo.acceptable()), higherIsBetter)) {
                status = slo.target() == null ? "pass" : "warn";
            } else {
                status = "fail";
            }
            out.add(new LoadDetails.TargetVerdict(
                    metric, slo.target(), slo.acceptable(), current, unit, status, reason));
        });
        return out;
    }

    private static boolean meets(double current, double limit, boolean higherIsBetter) {
        return higherIsBetter ? current >= limit : current <= limit;
    }

    /**
     * The verdicts of {@code verdicts}' targets judged again against other whole-run values (e.g. after a
     * merge of shards); {@code bound} as for {@link #judge}.
     */
    public static List<LoadDetails.TargetVerdict> rejudge(
            List<LoadDetails.TargetVerdict> verdicts, Map<String, Double> overall, String bound) {
        Map<String, LoadSpec.Slo> targets = new LinkedHashMap<>();
        List<LoadDetails.TargetVerdict> observed = new ArrayList<>();
        for (LoadDetails.TargetVerdict v : verdicts) {
            if (SloKind.known(v.metric())) {
                targets.put(v.metric(), new LoadSpec.Slo(v.target(), v.acceptable()));
            } else {
                observed.add(v); // a figure of the service (observe:): as it was read, not perf's to recompute
            }
        }
        List<LoadDetails.TargetVerdict> out = new ArrayList<>(judge(targets, overall, bound));
        out.addAll(observed);
        return out;
    }
}
