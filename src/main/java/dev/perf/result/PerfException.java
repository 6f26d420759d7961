package dev.perf.result;

/**
 * A failure a user can act on, carrying the kind that decides the exit code.
 *
 * <p>Business code builds these through the factories ({@link #badInput}, {@link #usage}, ...); the one
 * handler in the command line prints {@link #getMessage()} as one line (what is wrong, where, what to do)
 * and maps {@link #kind()} to the documented exit code.
 */
public final class PerfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, with its exit code: the one definition of perf's exit codes. */
    public enum Kind {
        /** A finding: a regression, a failed benchmark or a breached target. */
        FINDING(1, "a finding: regression (compare), failed benchmark or SLO target (run)"),
        /** Flags or arguments are wrong. */
        USAGE(2, "usage error (flags)"),
        /** A file, config or selection is unreadable or invalid. */
        BAD_INPUT(3, "bad input: unreadable or invalid file or config, no benchmark matched"),
        /** A bug in perf. */
        INTERNAL(4, "internal error (a bug; stack trace with --verbose)"),
        /** The run was interrupted; partial results were written. */
        INTERRUPTED(130, "interrupted (partial results were written)");

        private final int exitCode;
        private final String meaning;

        Kind(int exitCode, String meaning) {
            this.exitCode = exitCode;
            this.meaning = meaning;
        }

        /** The process exit code of this kind. */
        public int exitCode() {
            return exitCode;
        }

        /** What the exit code means, as {@code --help} lists it. */
        public String meaning() {
            return meaning;
        }
    }

    private final Kind kind;

    private PerfException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static PerfException badInput(String message) {
        return new PerfException(Kind.BAD_INPUT, message, null);
    }

    public static PerfException badInput(String message, Throwable cause) {
        return new PerfException(Kind.BAD_INPUT, message, cause);
    }

    public static PerfException usage(String message) {
        return new PerfException(Kind.USAGE, message, null);
    }

    public static PerfException finding(String message) {
        return new PerfException(Kind.FINDING, message, null);
    }

    public static PerfException internal(String message, Throwable cause) {
        return new PerfException(Kind.INTERNAL, message, cause);
    }

    public static PerfException interrupted(String message) {
        return new PerfException(Kind.INTERRUPTED, message, null);
    }
}
