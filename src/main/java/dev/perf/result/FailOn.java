package dev.perf.result;

/**
 * Which verdicts make {@code perf run} and {@code perf compare} exit 1 ({@code --fail-on}); each level also
 * trips on every level above it. The one rule for both commands.
 */
public enum FailOn {
    /** Only a fail (the default). */
    fail,
    /** A fail or a warn. */
    warn,
    /** A fail, a warn or an undecided verdict (inconclusive; a generator that could not keep up). */
    inconclusive,
    /** Never: the exit code is 0 whatever the verdicts (a failed benchmark still exits 1). */
    never;

    /** Whether verdicts in these numbers trip this level. */
    public boolean trips(long fails, long warns, long inconclusives) {
        return switch (this) {
            case fail -> fails > 0;
            case warn -> fails > 0 || warns > 0;
            case inconclusive -> fails > 0 || warns > 0 || inconclusives > 0;
            case never -> false;
        };
    }

    /** Whether a warn counts as a failure at this level (JUnit reports). */
    public boolean warnFails() {
        return this == warn || this == inconclusive;
    }
}
