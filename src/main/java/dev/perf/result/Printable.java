package dev.perf.result;

/**
 * Text that is safe on a terminal and in a CI log: control characters (an ANSI escape or a line break in a
 * benchmark name, a header value or a file name) become {@code ?}, so that no input can recolour the
 * terminal, forge a line of perf's output or inject a GitHub workflow command. The one rule for every line
 * perf prints.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every control character replaced by {@code ?}; null stays null. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
