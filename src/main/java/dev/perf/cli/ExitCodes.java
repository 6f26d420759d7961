package dev.perf.cli;

import dev.perf.result.PerfException;

/** The exit codes of perf: the one place they are defined and described. */
public final class ExitCodes {
    /** Everything ran and nothing was found. */
    public static final int OK = 0;
    /** A finding: a regression (compare), a failed benchmark or a breached target (run). */
    public static final int FINDING = 1;
    /** Usage error: unknown flag, bad flag value. */
    public static final int USAGE = 2;
    /** Bad input: unreadable or invalid file or config, no benchmark matched. */
    public static final int BAD_INPUT = 3;
    /** Internal error: a bug in perf (stack trace with --verbose). */
    public static final int INTERNAL = 4;
    /** Interrupted (Ctrl-C); partial results were written. */
    public static final int INTERRUPTED = 130;

    /** The list shown at the end of {@code perf --help}. */
    static final String HELP =
            """
            Exit codes:
              0    ok
              1    a finding: regression (compare), failed benchmark or SLO target (run)
              2    usage error (flags)
              3    bad input: unreadable or invalid file or config, no benchmark matched
              4    internal error (a bug; stack trace with --verbose)
              130  interrupted (partial results were written)
            """;

    private ExitCodes() {}

    /** The exit code of a failure kind. */
    static int of(PerfException.Kind kind) {
        return switch (kind) {
            case FINDING -> FINDING;
            case USAGE -> USAGE;
            case BAD_INPUT -> BAD_INPUT;
            case INTERNAL -> INTERNAL;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
