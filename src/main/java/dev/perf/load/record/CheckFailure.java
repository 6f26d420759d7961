package dev.perf.load.record;

/**
 * An answer that failed a check of the target's (an http status, header or body check): counted as an
 * httpError (status) or an error (any other check), under the check's name. Carries no stack trace: it is an
 * outcome, not a fault of perf's.
 */
public final class CheckFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** How many characters of an answer a failure's detail quotes. */
    public static final int DETAIL_CHARS = 160;

    private final String check;
    private final String detail;
    private final int status;

    /** Check {@code check} failed for {@code detail}; {@code status} is the answer's status code (0: none). */
    public CheckFailure(String check, String detail, int status) {
        super(check + " check failed: " + detail, null, false, false);
        this.check = check;
        this.detail = detail;
        this.status = status;
    }

    /** The check's name: {@code status}, {@code header.NAME}, {@code bodyContains}, .... */
    public String check() {
        return check;
    }

    /** What was wrong, without the check's name. */
    public String detail() {
        return detail;
    }

    /** The answer's status code, 0 when it had none. */
    public int status() {
        return status;
    }

    /** {@code s} on one line, cut to {@link #DETAIL_CHARS} characters. */
    public static String truncate(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() <= DETAIL_CHARS ? one : one.substring(0, DETAIL_CHARS) + "…";
    }
}
