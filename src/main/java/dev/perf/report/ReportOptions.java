package dev.perf.report;

import dev.perf.compare.Verdict;

/**
 * How a report is written, beyond its format.
 *
 * @param colour whether terminal text may colour verdicts (ANSI), only when writing to a terminal
 * @param warnFails whether a {@code warn} verdict counts as a failure (JUnit), as with {@code --fail-on warn}
 * @param missingFails whether a {@code missing} verdict counts as a failure (JUnit, GitHub), as without {@code
 *     --allow-missing}
 */
public record ReportOptions(boolean colour, boolean warnFails, boolean missingFails) {
    /** No colour; fail and missing fail. */
    public static final ReportOptions DEFAULTS = new ReportOptions(false, false, true);

    /** Missing benchmarks fail. */
    public ReportOptions(boolean colour, boolean warnFails) {
        this(colour, warnFails, true);
    }

    /** Whether rows with {@code verdict} are failures in this report. */
    public boolean fails(Verdict verdict) {
        return verdict.failsGate(!missingFails) || (warnFails && verdict == Verdict.WARN);
    }
}
