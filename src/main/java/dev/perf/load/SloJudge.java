package dev.perf.load;

import dev.perf.result.LoadDetails;
import dev.perf.result.Numbers;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.SloKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges SLO targets against a load loop's whole-run values: meeting {@code target} passes, meeting only
 * {@code acceptable} warns, anything else fails; a generator-bound run is inconclusive (a latency target missed even
 * with all perf can have added taken off still fails); a latency target of a
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
                String robust = failsWithoutPerf(kind, slo, current, overall);
                status = robust != null ? "fail" : "inconclusive";
                reason = robust != null ? robust + " (generator-bound: " + bound + ")" : bound;
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

    /**
     * Why a latency target fails even with everything perf can have added to a response taken off (its waits
     * for a CPU: {@link GeneratorCheck#ADDED_AT_MOST}), or null. Such a miss is the service's whatever perf
     * went through: a stalled server is not let off because the machine was busy too. A pass is never made
     * from a generator-bound run — a starved perf sent less than it was asked to.
     */
    private static String failsWithoutPerf(
            SloKind kind, LoadSpec.Slo slo, double current, Map<String, Double> overall) {
        double added = overall.getOrDefault(GeneratorCheck.ADDED_AT_MOST, Double.NaN);
        String limit = slo.acceptable() != null ? slo.acceptable() : slo.target();
        if (kind != SloKind.LATENCY || Double.isNaN(current) || Double.isNaN(added) || limit == null) {
            return null;
        }
        double without = current - added;
        if (meets(without, kind.value(limit), false)) {
            return null;
        }
        return "misses " + limit + " even with the " + Numbers.fixed(added, 1) + " ms perf can have added to a"
                + " response taken off (" + Numbers.fixed(current, 1) + " − " + Numbers.fixed(added, 1) + " = "
                + Numbers.fixed(without, 1) + " ms)";
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
