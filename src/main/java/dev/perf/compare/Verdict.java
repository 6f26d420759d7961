package dev.perf.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The decision for one benchmark × metric. */
public enum Verdict {
    /** Significantly worse beyond the fail threshold, or a benchmark that failed. */
    FAIL,
    /** Likewise beyond the warn threshold only. */
    WARN,
    /** Significant and better, CI excluding zero. */
    IMPROVED,
    /** No significant change, or a significant one within the thresholds. */
    UNCHANGED,
    /** Cannot decide: too few samples, too noisy, unusable values; the reason says which. */
    INCONCLUSIVE,
    /**
     * The run under test is no valid measurement (a load run that was generator-bound, dropped operations or
     * overran its schedule): it fails the gate like a regression, and the reason says what to fix.
     */
    INVALID,
    /** In the base only: fails the gate unless {@code --allow-missing}. */
    MISSING,
    /** In the current only. */
    NEW;

    /**
     * Whether this verdict fails the gate at {@code --fail-on fail} (the default): a fail, an invalid run, and a
     * missing benchmark unless {@code allowMissing}. The one rule for the exit code, JUnit and GitHub.
     */
    public boolean failsGate(boolean allowMissing) {
        return this == FAIL || this == INVALID || (this == MISSING && !allowMissing);
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
