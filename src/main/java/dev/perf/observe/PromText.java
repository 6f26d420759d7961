package dev.perf.observe;

import dev.perf.result.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition (0.0.4) and OpenMetrics, read leniently: each sample's name, labels and value;
 * comments, timestamps and exemplars skipped; {@code # TYPE} lines give each family's type. Pure.
 */
final class PromText {
    private PromText() {}

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** What a page holds: its samples in order and the families' types by name. */
    record Page(List<Sample> samples, Map<String, String> types) {
        /** The type of sample name {@code name}'s family ({@code counter}, {@code gauge}, ...), or {@code untyped}. */
        String typeOf(String name) {
            String t = types.get(name);
            if (t == null && name.endsWith("_total")) {
                t = types.get(name.substring(0, name.length() - "_total".length()));
            }
            return t == null ? (name.endsWith("_total") ? "counter" : "untyped") : t;
        }
    }

    /** {@code text} parsed; a line that is not a sample is an {@link IllegalArgumentException} naming it. */
    static Page parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] p = line.split("\\s+", 4);
                if (p.length >= 4 && p[1].equals("TYPE")) {
                    types.put(p[2], p[3].strip());
                }
                continue;
            }
            samples.add(sample(line, lineNo));
        }
        return new Page(samples, types);
    }

    private static Sample sample(String line, int lineNo) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels, lineNo);
        }
        String rest = line.substring(i).strip();
        int hash = rest.indexOf(" #"); // an OpenMetrics exemplar
        if (hash >= 0) {
            rest = rest.substring(0, hash).strip();
        }
        String[] parts = rest.split("\\s+", -1);
        if (name.isEmpty() || parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("line " + lineNo + " is not a sample: " + abbreviate(line));
        }
        return new Sample(name, labels, value(parts[0], lineNo));
    }

    private static int labels(String line, int i, Map<String, String> labels, int lineNo) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException(
                        "line " + lineNo + " has a label that is not name=\"value\": " + abbreviate(line));
            }
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
                j++;
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException(
                        "line " + lineNo + " has an unclosed label value: " + abbreviate(line));
            }
            labels.put(line.substring(i, eq).strip(), v.toString());
            i = j + 1;
        }
    }

    static double value(String text, int lineNo) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "line " + lineNo + ": '" + abbreviate(text) + "' is not a sample value");
                }
            }
        };
    }

    private static String abbreviate(String s) {
        String one = Printable.of(s);
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
