package dev.perf.load;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.GeneratorBound;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.Numbers;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.SloKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleFunction;

/** {@code findMaxRate}: the highest rate at which a loop meets its SLO, found by doubling then bisection. */
final class KneeSearch {
    private KneeSearch() {}

    /**
     * The knee: steps at fixed rates, doubling from {@code from} while each meets the SLO (and reaches its
     * rate), then bisecting between the last rate that met it and the first that did not, until they are
     * within 5 % (or adjacent whole rates) or the steps run out. The result is the best step's measurement, with the whole curve and a
     * {@code maxRate} metric.
     *
     * <p>A step whose generator could not keep up (its event loop busy, its sends late, the JVM stalled, or
     * the machine it shares with the target saturated) ends the search: from there on the curve would show
     * the generator's limit as the target's. The result then says so (generator-bound, with the rate it
     * stopped at) and has no {@code maxRate}: the target's knee was not found.
     */
    static BenchmarkResult search(
            LoadPlan.Search search, DoubleFunction<BenchmarkResult> measureAt, BooleanSupplier stopped) {
        LoadSpec.FindMaxRate f = search.spec();
        double from = search.fromPerSec();
        double to = search.toPerSec();
        List<LoadDetails.RateStep> curve = new ArrayList<>();
        BenchmarkResult best = null;
        BenchmarkResult firstStep = null;
        double pass = Double.NaN;
        double fail = Double.NaN;
        double rate = from;
        String stoppedBy = null;
        while (curve.size() < f.steps() && !stopped.getAsBoolean()) {
            BenchmarkResult r = measureAt.apply(rate);
            firstStep = firstStep == null ? r : firstStep;
            LoadDetails d = r.load();
            boolean meets = meets(f.slo(), d, rate);
            curve.add(new LoadDetails.RateStep(
                    rate,
                    d.overall().getOrDefault("throughput", Double.NaN),
                    d.overall().getOrDefault("p99", Double.NaN),
                    d.overall().getOrDefault("errorRate", Double.NaN),
                    meets));
            GeneratorBound bound = GeneratorBound.of(d);
            // a step perf sent in full that met the SLO met it (perf's delays only add to what it measures); any
            // other step of a bound generator says nothing of the target
            if (bound != null && !(meets && bound.delivered())) {
                stoppedBy = stoppedBy(rate, d, pass);
                best = best != null ? best : r;
                break;
            }
            if (meets) {
                pass = rate;
                best = r;
            } else {
                fail = rate;
            }
            if (Double.isNaN(fail)) {
                if (rate >= to) {
                    break;
                }
                rate = Math.min(2 * rate, to);
            } else if (Double.isNaN(pass) || (fail - pass) / pass <= 0.05) {
                break;
            } else {
                double mid = Math.round((pass + fail) / 2);
                if (mid <= pass || mid >= fail) {
                    break; // adjacent whole rates: nothing left between them to measure
                }
                rate = mid;
            }
        }
        BenchmarkResult chosen = best != null ? best : firstStep;
        LoadDetails d = chosen.load();
        LoadDetails withCurve = d.withSearch(curve, stoppedBy);
        List<Metric> metrics = new ArrayList<>(chosen.metrics());
        if (stoppedBy == null) {
            metrics.add(
                    0, Metric.of("maxRate", "ops/s", Better.HIGHER, List.of(List.of(Double.isNaN(pass) ? 0 : pass))));
        }
        return new BenchmarkResult(
                chosen.name(), "load", null, Map.of(), chosen.status(), chosen.error(), metrics, withCurve);
    }

    /** Why the search stopped at {@code rate}, a step the generator could not be trusted at. */
    private static String stoppedBy(double rate, LoadDetails d, double pass) {
        return String.format(
                Locale.ROOT,
                "findMaxRate stopped at %s/s because the generator, not the target, was the limit (%s); %s",
                Numbers.fixed(rate, 0),
                d.generatorBoundReason(),
                Double.isNaN(pass)
                        ? "no rate met the SLO before"
                        : "the target met the SLO up to " + Numbers.fixed(pass, 0) + "/s at least");
    }

    /** Whether a step met every limit of {@code slo} and completed at least 99 % of its rate. */
    static boolean meets(Map<String, String> slo, LoadDetails d, double rate) {
        if (d.overall().getOrDefault("throughput", 0.0) < 0.99 * rate) {
            return false;
        }
        for (Map.Entry<String, String> e : slo.entrySet()) {
            SloKind kind = SloKind.of(e.getKey());
            double current = d.overall().getOrDefault(e.getKey(), Double.NaN);
            double limit = kind.value(e.getValue());
            if (Double.isNaN(current) || (kind.higherIsBetter() ? current < limit : current > limit)) {
                return false;
            }
        }
        return true;
    }
}
