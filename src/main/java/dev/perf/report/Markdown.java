package dev.perf.report;

import dev.perf.result.Printable;

/**
 * Escaping for GitHub-flavoured Markdown, so that text from a result (benchmark names, error messages)
 * can never break a table or inject markup. Pure and thread-safe.
 */
public final class Markdown {
    private Markdown() {}

    /**
     * Text safe inside a table cell or paragraph: pipes, markup characters and HTML escaped, newlines folded,
     * other control characters made {@code ?}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|' -> sb.append("\\|");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#' -> sb.append('\\').append(c);
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(Character.isISOControl(c) ? '?' : c); // an ESC never reaches a terminal
            }
        }
        return sb.toString();
    }

    /** Text safe inside a code span: backticks and newlines removed, other control characters made {@code ?}. */
    public static String code(String text) {
        return text == null
                ? ""
                : Printable.of(text.replace('`', '\'').replace('\n', ' ').replace('\r', ' '));
    }
}
