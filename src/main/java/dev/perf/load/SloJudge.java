package dev.perf.load;

import dev.perf.result.GeneratorBound;
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
 * {@code acceptable} warns, anything else fails; of a generator-bound run only what {@link GeneratorBound} says
 * still holds is judged, the rest is inconclusive; a latency target of a run whose every operation failed fails
 * (failures are often fast), of one where most failed is inconclusive. Pure.
 */
public final class SloJudge {
    private SloJudge() {}

    /** The share of failed operations from which a latency target says nothing of the answers. */
    static final double MOSTLY_FAILED = 0.5;

    static List<LoadDetails.TargetVerdict> judge(
            Map<String, LoadSpec.Slo> targets, Map<String, Double> overall, GeneratorBound bound) {
        List<LoadDetails.TargetVerdict> out = new ArrayList<>();
        targets.forEach((metric, slo) -> {
            SloKind kind = SloKind.of(metric);
            double current = overall.getOrDefault(metric, Double.NaN);
            String unit = kind.unit();
            String status;
            String reason = null;
            if (kind == SloKind.LATENCY && !Double.isNaN(current) && overall.getOrDefault("errorRate", 0.0) >= 100.0) {
                // a refused connection is fast: the latency of failures would pass a latency target
                status = "fail";
                reason = "every operation failed (errorRate 100 %): there is no answer whose latency to judge";
            } else if (kind == SloKind.LATENCY
                    && !Double.isNaN(current)
                    && overall.getOrDefault("errorRate", 0.0) >= 100 * MOSTLY_FAILED) {
                // most of the times judged are of failures: fast refusals or timeouts, not the service's answers
                status = "inconclusive";
                reason = "most operations failed (errorRate " + Numbers.fixed(overall.get("errorRate"), 1)
                        + " %): the latency is mostly of failures, not of answers";
            } else if (bound != null) {
                LoadDetails.TargetVerdict held = held(metric, slo, current, bound);
                status = held.status();
                reason = held.reason();
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
            } else {
                status = plain(kind, slo, current);
            }
            out.add(new LoadDetails.TargetVerdict(
                    metric, slo.target(), slo.acceptable(), current, unit, status, reason));
        });
        return out;
    }

    /**
     * The verdict of one target of a generator-bound loop: what still holds of it ({@link GeneratorBound}), with
     * why it holds (the bound itself is the loop's, said once beside it), or inconclusive for the bound's reason.
     */
    private static LoadDetails.TargetVerdict held(
            String metric, LoadSpec.Slo slo, double current, GeneratorBound bound) {
        SloKind kind = SloKind.of(metric);
        String as = Double.isNaN(current) ? "inconclusive" : plain(kind, slo, current);
        boolean met = as.equals("pass") || as.equals("warn");
        String why = null;
        if (met && kind == SloKind.THROUGHPUT) {
            why = "met though generator-bound: the operations completed";
        } else if (met && bound.delivered() && kind != SloKind.DRIFT) {
            why = "met though generator-bound: perf sent its whole schedule, and its own delays only add to what it"
                    + " measures";
        } else if (as.equals("fail") && kind == SloKind.GROWTH) {
            why = "missed though generator-bound: less load than asked grows memory no faster";
        } else if (as.equals("fail") && kind == SloKind.LATENCY && !Double.isNaN(bound.addedAtMostMs())) {
            String limit = slo.acceptable() != null ? slo.acceptable() : slo.target();
            double without = current - bound.addedAtMostMs();
            if (limit != null && !meets(without, kind.value(limit), false)) {
                why = "misses " + limit + " even with the " + Numbers.fixed(bound.addedAtMostMs(), 1)
                        + " ms perf can have added to a response taken off (" + Numbers.fixed(current, 1) + " − "
                        + Numbers.fixed(bound.addedAtMostMs(), 1) + " = " + Numbers.fixed(without, 1) + " ms)";
            }
        }
        return why == null
                ? new LoadDetails.TargetVerdict(metric, null, null, current, null, "inconclusive", bound.reason())
                : new LoadDetails.TargetVerdict(metric, null, null, current, null, as, why);
    }

    /** pass, warn or fail of a value against a target's limits, as an unbound run is judged. */
    private static String plain(SloKind kind, LoadSpec.Slo slo, double current) {
        boolean higher = kind.higherIsBetter();
        if (slo.target() != null && meets(current, kind.value(slo.target()), higher)) {
            return "pass";
        }
        if (slo.acceptable() != null && meets(current, kind.value(slo.acceptable()), higher)) {
            return slo.target() == null ? "pass" : "warn";
        }
        return "fail";
    }

    private static boolean meets(double current, double limit, boolean higherIsBetter) {
        return higherIsBetter ? current >= limit : current <= limit;
    }

    /**
     * The verdicts of {@code verdicts}' targets judged again against other whole-run values (e.g. after a
     * merge of shards); {@code bound} as for {@link #judge}.
     */
    public static List<LoadDetails.TargetVerdict> rejudge(
            List<LoadDetails.TargetVerdict> verdicts, Map<String, Double> overall, GeneratorBound bound) {
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
