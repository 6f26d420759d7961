package dev.perf.compare;

import dev.perf.result.FailOn;
import java.util.List;

/**
 * What the CI gate reads from a comparison: the counts {@code perf compare}'s exit code is decided from.
 *
 * @param fails cells that regressed beyond the fail threshold or failed, and missing ones unless allowed
 * @param warns cells beyond the warn threshold
 * @param inconclusive cells not decided
 * @param failedBenchmarks benchmarks that failed in a run under test: they exit 1 even with {@code --fail-on
 *     never}
 */
public record Gate(long fails, long warns, long inconclusive, long failedBenchmarks) {
    /** A view that gates nothing (columns of benchmarks or parameter values: differences, not findings). */
    public static final Gate OPEN = new Gate(0, 0, 0, 0);

    /** The gate over {@code comparisons} (one per revision after the base) judged with {@code options}. */
    public static Gate of(List<Comparison> comparisons, CompareOptions options) {
        long fails = 0;
        long warns = 0;
        long inconclusive = 0;
        long failed = 0;
        for (Comparison c : comparisons) {
            fails += c.rows().stream()
                    .filter(r -> options.failsGate(r.verdict()))
                    .count();
            warns += c.count(Verdict.WARN);
            inconclusive += c.count(Verdict.INCONCLUSIVE);
            failed += c.failedBenchmarks();
        }
        return new Gate(fails, warns, inconclusive, failed);
    }

    /** Whether {@code perf compare} exits 1 at {@code failOn}: a failed benchmark always does. */
    public boolean trips(FailOn failOn) {
        return failedBenchmarks > 0 || failOn.trips(fails, warns, inconclusive);
    }

    /** Why the gate {@link #trips}: it failed, or only inconclusive cells tripped it. */
    public String why(FailOn failOn) {
        return failedBenchmarks > 0 || failOn.trips(fails, warns, 0)
                ? "gate failed"
                : "inconclusive (--fail-on inconclusive)";
    }
}
