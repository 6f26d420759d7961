package dev.perf.report;

import dev.perf.result.Printable;

/** Table cells for the terminal: padding and neutralizing control characters. Pure. */
final class Cells {
    private Cells() {}

    /** Control characters (an ANSI escape in a benchmark name) would rewrite the user's terminal. */
    static String printable(String s) {
        return Printable.of(s);
    }

    /** {@code s} padded with spaces to {@code width} code points, on the left when {@code right}. */
    static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
        return right ? fill + s : s + fill;
    }
}
