package dev.perf.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a JSON document, as a scenario's {@code extract: { json: ... }} writes it: a JSON
 * Pointer (RFC 6901: {@code /items/0/id}, with {@code ~1} for '/' and {@code ~0} for '~'), or a path
 * ({@code $.items[0].id}, {@code items.0.id}, {@code $['a b'][-1]}: a negative index counts from the end).
 * Wildcards and filters are refused: an extract names one value. Immutable.
 *
 * @param text the path as written
 * @param steps member names and array indexes, in order; an index is also tried as a member name
 */
public record JsonPath(String text, List<String> steps) {
    /** {@code text} parsed; an invalid path is an {@link IllegalArgumentException} saying where and why. */
    public static JsonPath parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("extract json: is empty; give a pointer (/token) or a path ($.token)");
        }
        String t = text.strip();
        return new JsonPath(t, t.isEmpty() || t.startsWith("/") ? pointer(t) : path(t));
    }

    private static List<String> pointer(String t) {
        List<String> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        for (String token : t.substring(1).split("/", -1)) {
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) == '~'
                        && (i + 1 >= token.length() || (token.charAt(i + 1) != '0' && token.charAt(i + 1) != '1'))) {
                    throw invalid(t, "'~' must be followed by 0 or 1 in a JSON Pointer (~0 is '~', ~1 is '/')");
                }
            }
            out.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static List<String> path(String t) {
        List<String> out = new ArrayList<>();
        int i = t.startsWith("$") ? 1 : 0;
        boolean first = i == 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '[') {
                i = bracket(t, i, out);
            } else {
                if (c == '.') {
                    i++;
                } else if (!first) {
                    throw invalid(t, "expected '.' or '[' at position " + (i + 1));
                }
                int end = i;
                while (end < t.length() && t.charAt(end) != '.' && t.charAt(end) != '[') {
                    end++;
                }
                String name = t.substring(i, end);
                if (name.isEmpty() || name.equals("*") || name.startsWith(".")) {
                    throw invalid(
                            t,
                            "an empty or wildcard member name at position " + (i + 1)
                                    + " (wildcards and recursive descent are not supported)");
                }
                out.add(name);
                i = end;
            }
            first = false;
        }
        return out;
    }

    /**
     * Reads the bracket at {@code open} — {@code [N]}, {@code ['name']} or {@code ["name"]} (a backslash escapes
     * the quote or itself inside the name) — into {@code out}; the index after it.
     */
    private static int bracket(String t, int open, List<String> out) {
        int i = open + 1;
        while (i < t.length() && t.charAt(i) == ' ') {
            i++;
        }
        if (i < t.length() && (t.charAt(i) == '\'' || t.charAt(i) == '"')) {
            char quote = t.charAt(i);
            StringBuilder name = new StringBuilder();
            i++;
            while (i < t.length() && t.charAt(i) != quote) {
                if (t.charAt(i) == '\\' && i + 1 < t.length()) {
                    i++;
                }
                name.append(t.charAt(i++));
            }
            if (i >= t.length()) {
                throw invalid(t, "the quote at position " + (open + 2) + " is not closed");
            }
            i++;
            while (i < t.length() && t.charAt(i) == ' ') {
                i++;
            }
            if (i >= t.length() || t.charAt(i) != ']') {
                throw invalid(t, "'[' at position " + (open + 1) + " is not closed after its quoted name");
            }
            out.add(name.toString());
            return i + 1;
        }
        int close = t.indexOf(']', open);
        if (close < 0) {
            throw invalid(t, "'[' at position " + (open + 1) + " is not closed");
        }
        String inner = t.substring(open + 1, close).strip();
        if (!inner.matches("-?\\d{1,9}")) {
            throw invalid(
                    t,
                    "[" + inner + "] is not an index or a quoted name (wildcards and filters are not"
                            + " supported: an extract names one value)");
        }
        out.add(inner);
        return close + 1;
    }

    private static IllegalArgumentException invalid(String t, String why) {
        return new IllegalArgumentException("extract json '" + t + "' is not a JSON Pointer or path: " + why);
    }

    /** The node at this path in {@code root}, or null when there is none. */
    public JsonNode find(JsonNode root) {
        JsonNode at = root;
        for (String step : steps) {
            if (at == null) {
                return null;
            }
            if (at.isArray()) {
                int index;
                try {
                    index = Integer.parseInt(step);
                } catch (NumberFormatException e) {
                    return null;
                }
                at = at.get(index < 0 ? at.size() + index : index);
            } else if (at.isObject()) {
                at = at.get(step);
            } else {
                return null;
            }
        }
        return at;
    }
}
