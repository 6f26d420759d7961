package dev.perf.report;

/** Escaping for HTML text and attribute values: nothing from a result can become markup. Pure. */
public final class Html {
    private Html() {}

    /**
     * {@code text} with {@code & < > " '} and line breaks replaced by entities and other control characters
     * (C0 but tabs, DEL, C1) dropped.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                    // the same line break to a browser, but no line of the page starts with a value's text: printed
                    // to a CI log, a name's "\n::warning::" cannot become a workflow command
                case '\n' -> sb.append("&#10;");
                default -> {
                    if (!Character.isISOControl(c) || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
