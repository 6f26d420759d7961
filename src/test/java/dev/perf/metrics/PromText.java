package dev.perf.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4) for tests: every line is a HELP, a TYPE or a sample
 * of the family just typed; names and label names are valid; label values are well escaped; values parse;
 * a histogram's buckets rise, end at +Inf and equal its _count. Anything else is an AssertionError.
 */
final class PromText {
    private PromText() {}

    /**
     * One parsed series.
     *
     * @param name series name
     * @param labels its labels
     * @param value its value
     */
    record Series(String name, Map<String, String> labels, double value) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

    static List<Series> parse(String text) {
        List<Series> out = new ArrayList<>();
        String family = null;
        String type = null;
        Map<String, String> helped = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                check(NAME.matcher(parts[0]).matches() && parts.length == 2, line);
                check(helped.put(parts[0], parts[1]) == null, "HELP twice: " + line);
                family = parts[0];
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                check(parts.length == 2 && parts[0].equals(family), "TYPE not after its HELP: " + line);
                check(
                        List.of("counter", "gauge", "histogram", "summary", "untyped")
                                .contains(parts[1]),
                        line);
                type = parts[1];
                continue;
            }
            check(!line.startsWith("#"), "unknown comment: " + line);
            Matcher m = SAMPLE.matcher(line);
            check(m.matches(), "not a sample: " + line);
            String name = m.group(1);
            boolean ofFamily = name.equals(family)
                    || ("histogram".equals(type)
                            && (name.equals(family + "_bucket")
                                    || name.equals(family + "_sum")
                                    || name.equals(family + "_count")));
            check(ofFamily, "sample outside its family " + family + ": " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (l.find() && l.start() == at) {
                    check(
                            labels.put(
                                            l.group(1),
                                            l.group(2)
                                                    .replace("\\n", "\n")
                                                    .replace("\\\"", "\"")
                                                    .replace("\\\\", "\\"))
                                    == null,
                            "label twice: " + line);
                    at = l.end();
                    if (at < m.group(3).length()) {
                        check(m.group(3).charAt(at) == ',', "labels not separated by commas: " + line);
                        at++;
                    }
                }
                check(at == m.group(3).length(), "bad labels: " + line);
            }
            out.add(new Series(name, labels, value(m.group(4), line)));
        }
        checkHistograms(out);
        return out;
    }

    private static double value(String text, String line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("not a value: " + line, e);
                }
        }
    }

    private static void checkHistograms(List<Series> all) {
        Map<String, List<Series>> buckets = new LinkedHashMap<>();
        for (Series s : all) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> key = new LinkedHashMap<>(s.labels());
                String le = key.remove("le");
                check(le != null, "a bucket without le: " + s);
                buckets.computeIfAbsent(s.name() + key, k -> new ArrayList<>()).add(s);
            }
        }
        for (List<Series> series : buckets.values()) {
            double last = -1;
            double bound = Double.NEGATIVE_INFINITY;
            for (Series b : series) {
                double le = b.labels().get("le").equals("+Inf")
                        ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(b.labels().get("le"));
                check(le > bound && b.value() >= last, "buckets must rise: " + series);
                bound = le;
                last = b.value();
            }
            check(Double.isInfinite(bound), "no +Inf bucket: " + series);
            Series first = series.get(0);
            String count = first.name().replace("_bucket", "_count");
            Map<String, String> key = new LinkedHashMap<>(first.labels());
            key.remove("le");
            double total = last;
            check(
                    all.stream()
                            .anyMatch(s -> s.name().equals(count) && s.labels().equals(key) && s.value() == total),
                    "_count differs from the +Inf bucket: " + series);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
