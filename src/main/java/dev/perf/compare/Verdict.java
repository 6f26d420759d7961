package dev.perf.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The decision for one benchmark × metric. */
public enum Verdict {
    /** Significant (after FDR), worse beyond the fail threshold, CI excluding zero. */
    FAIL,
    /** Likewise beyond the warn threshold only. */
    WARN,
    /** Significant and better, CI excluding zero. */
    IMPROVED,
    /** No significant change, or a significant one within the thresholds. */
    UNCHANGED,
    /** Cannot decide: too few samples, too noisy, unusable values; the reason says which. */
    INCONCLUSIVE,
    /** In the base only. */
    MISSING,
    /** In the current only. */
    NEW;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
