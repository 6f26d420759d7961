package dev.perf.load;

import dev.perf.load.record.LoadRecorder;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches a measured loop for the SLO targets marked {@code abortOnFail}: at every whole second past a
 * target's grace ({@code after}), it judges the run so far as {@link SloJudge} judges the whole run, and a
 * {@code fail} is the reason to stop the loop there. The run so far is what the whole run's value would be if
 * it ended now: a p99 or an error rate beyond the limit after N seconds has failed for those N seconds,
 * whatever follows (k6's {@code abortOnFail} rule). Ticker thread.
 */
final class AbortWatch {
    private final Map<String, LoadSpec.Slo> targets = new LinkedHashMap<>();

    /** A watch of {@code targets}' {@code abortOnFail} ones; {@link #idle()} when there are none. */
    AbortWatch(Map<String, LoadSpec.Slo> targets) {
        targets.forEach((metric, slo) -> {
            if (slo.abortOnFail()) {
                this.targets.put(metric, slo);
            }
        });
    }

    boolean idle() {
        return targets.isEmpty();
    }

    /**
     * The reason to abort after {@code seconds} whole seconds of {@code rec}, or null. Nothing is judged
     * before one operation completed.
     */
    String check(LoadRecorder rec, boolean closed, long seconds) {
        LoadDetails.Counters counters = LoadResults.counters(rec, closed, null);
        if (counters.ok() + counters.failures() == 0) {
            return null;
        }
        Map<String, Double> soFar =
                LoadDetails.overallOf(rec.totalResponse(), rec.totalLag(), counters, (double) seconds);
        for (Map.Entry<String, LoadSpec.Slo> e : targets.entrySet()) {
            LoadSpec.Slo slo = e.getValue();
            long graceSeconds = slo.after() == null ? 0 : (slo.after().toMillis() + 999) / 1000;
            if (seconds < Math.max(1, graceSeconds)) {
                continue;
            }
            List<LoadDetails.TargetVerdict> v = SloJudge.judge(Map.of(e.getKey(), slo), soFar, null);
            if (v.get(0).status().equals("fail")) {
                LoadDetails.TargetVerdict f = v.get(0);
                return String.format(
                        Locale.ROOT,
                        "aborted after %d s: %s was %.4g %s over the run so far, beyond %s (abortOnFail)",
                        seconds,
                        f.metric(),
                        f.current(),
                        f.unit(),
                        f.acceptable() != null ? f.acceptable() : f.target());
            }
        }
        return null;
    }
}
