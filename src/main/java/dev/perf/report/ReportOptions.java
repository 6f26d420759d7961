package dev.perf.report;

/**
 * How a report is written, beyond its format.
 *
 * @param colour whether terminal text may colour verdicts (ANSI), only when writing to a terminal
 * @param warnFails whether a {@code warn} verdict counts as a failure (JUnit), as with {@code --fail-on warn}
 */
public record ReportOptions(boolean colour, boolean warnFails) {
    /** No colour, only {@code fail} fails. */
    public static final ReportOptions DEFAULTS = new ReportOptions(false, false);
}
