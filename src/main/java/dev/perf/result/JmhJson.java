package dev.perf.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's own JSON result format ({@code -rf json}) into perf's metric model.
 *
 * <p>The primary metric becomes {@code score}; every secondary metric (such as the GC profiler's {@code
 * gc.alloc.rate.norm}) keeps JMH's name without the leading "·". Samples come from {@code rawData}, one group
 * per fork; in sample mode each iteration's histogram ({@code rawDataHistogram}) contributes its weighted
 * mean. The strings {@code "NaN"}, {@code "+INF"}, {@code "-INF"} are read as the doubles they stand for.
 */
public final class JmhJson {
    private JmhJson() {}

    /** Parses JMH JSON text; throws a bad-input failure naming {@code source} when it is not JMH JSON. */
    public static List<BenchmarkResult> parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw PerfException.badInput("cannot read " + source + ": not valid JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw PerfException.badInput("cannot read " + source + ": expected a JMH JSON array of benchmarks");
        }
        List<BenchmarkResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            index++;
            try {
                results.add(benchmark(entry, source));
            } catch (IllegalArgumentException e) {
                throw PerfException.badInput("cannot read " + source + ": JMH entry " + index + ": " + e.getMessage()
                        + " (is it JMH's JSON?)");
            }
        }
        return results;
    }

    /**
     * The JVM the forks of a JMH result ran on, from its first entry ({@code jmhVersion}, {@code jdkVersion},
     * {@code vmName}, {@code vmVersion}, {@code jvmArgs}); null when it says nothing of it or is not JMH JSON.
     */
    public static Environment.Forks forks(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).isObject()) {
            return null;
        }
        JsonNode first = root.get(0);
        List<String> args = new ArrayList<>();
        if (first.path("jvmArgs").isArray()) {
            first.path("jvmArgs").forEach(a -> args.add(a.asText()));
        }
        Environment.Forks f = new Environment.Forks(
                text(first, "jmhVersion"),
                text(first, "jdkVersion"),
                text(first, "vmName"),
                text(first, "vmVersion"),
                args);
        return f.jmhVersion() == null && f.jdkVersion() == null && f.vmName() == null ? null : f;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** Whether {@code root} looks like JMH JSON (an array of objects with benchmark and primaryMetric). */
    public static boolean looksLike(JsonNode root) {
        return root != null
                && root.isArray()
                && root.size() > 0
                && root.get(0).has("benchmark")
                && root.get(0).has("primaryMetric");
    }

    /** Direction of JMH's primary metric in {@code mode}: throughput is higher-better, every time mode lower. */
    public static Better betterFor(String mode) {
        return "thrpt".equals(mode) ? Better.HIGHER : Better.LOWER;
    }

    /**
     * Direction of a secondary metric, from its unit first and never from the mode alone: anything per
     * operation ({@code cycles/op}, {@code B/op}, {@code ns/op}) and the GC profiler's figures are lower-better
     * in every mode; a rate ({@code ops/s}, {@code insns/clk}) is higher-better; clocks per instruction lower.
     * Only a unit that says nothing (an {@code @AuxCounters} count) follows the primary metric.
     */
    static Better secondaryBetter(String name, String unit, Better primary) {
        String u = unit.toLowerCase(java.util.Locale.ROOT).strip();
        if (name.startsWith("gc.") || u.endsWith("/op") || u.equals("clks/insn") || name.equalsIgnoreCase("cpi")) {
            return Better.LOWER;
        }
        if (u.startsWith("ops/") || u.equals("insns/clk") || name.equalsIgnoreCase("ipc")) {
            return Better.HIGHER;
        }
        String[] parts = u.split("/", 2);
        if (parts.length == 2 && TIME.contains(parts[0])) {
            return Better.LOWER; // time per something
        }
        if (parts.length == 2 && TIME.contains(parts[1])) {
            return Better.HIGHER; // something per time
        }
        return primary;
    }

    /**
     * Whether {@link #secondaryBetter} knows the direction of a secondary metric from its name or unit; an
     * {@code @AuxCounters} event count ({@code #}) says nothing, and compare does not judge it.
     */
    public static boolean directionKnown(String name, String unit) {
        return secondaryBetter(name, unit, Better.LOWER) == secondaryBetter(name, unit, Better.HIGHER);
    }

    private static final java.util.Set<String> TIME = java.util.Set.of("ns", "us", "µs", "ms", "s", "sec", "min");

    private static BenchmarkResult benchmark(JsonNode entry, String source) {
        String name =
                entry.path("benchmark").isTextual() ? entry.path("benchmark").asText() : null;
        String mode = entry.path("mode").isTextual() ? entry.path("mode").asText() : null;
        JsonNode primary = entry.path("primaryMetric");
        if (name == null || mode == null || !primary.isObject()) {
            throw PerfException.badInput(
                    "cannot read " + source + ": a JMH entry lacks benchmark, mode or primaryMetric");
        }
        Map<String, String> params = new LinkedHashMap<>();
        entry.path("params")
                .fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        Better primaryBetter = betterFor(mode);
        List<Metric> metrics = new ArrayList<>();
        metrics.add(metric("score", primary, primaryBetter));
        Iterator<Map.Entry<String, JsonNode>> secondaries =
                entry.path("secondaryMetrics").fields();
        while (secondaries.hasNext()) {
            Map.Entry<String, JsonNode> e = secondaries.next();
            String secondaryName = e.getKey().startsWith("·") ? e.getKey().substring(1) : e.getKey();
            Metric m = metric(
                    secondaryName,
                    e.getValue(),
                    secondaryBetter(
                            secondaryName, e.getValue().path("scoreUnit").asText(""), primaryBetter));
            if (m.summary().n() > 0) {
                metrics.add(m);
            }
        }
        return new BenchmarkResult(name, "jmh", mode, params, BenchmarkResult.Status.ok, null, metrics);
    }

    private static Metric metric(String name, JsonNode node, Better better) {
        if (!node.path("scoreUnit").isTextual()
                || node.path("scoreUnit").asText().isBlank()) {
            throw new IllegalArgumentException(name + " has no scoreUnit");
        }
        String unit = node.path("scoreUnit").asText();
        List<List<Double>> groups = new ArrayList<>();
        JsonNode raw = node.path("rawData");
        if (!raw.isMissingNode() && !raw.isArray()) {
            throw new IllegalArgumentException(name + ".rawData is not a list of forks");
        }
        if (raw.isArray()) {
            for (JsonNode fork : raw) {
                if (!fork.isArray()) {
                    throw new IllegalArgumentException(name + ".rawData holds " + fork + ", not a list of iterations");
                }
                List<Double> values = new ArrayList<>();
                fork.forEach(v -> values.add(strictNumber(v, name + ".rawData")));
                groups.add(values);
            }
        } else if (node.path("rawDataHistogram").isArray()) {
            for (JsonNode fork : node.path("rawDataHistogram")) {
                List<Double> values = new ArrayList<>();
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode pair : iteration) {
                        double c = number(pair.get(1));
                        sum += number(pair.get(0)) * c;
                        count += c;
                    }
                    values.add(count == 0 ? Double.NaN : sum / count);
                }
                groups.add(values);
            }
        }
        return Metric.of(name, unit, better, groups);
    }

    /** {@link #number}, but a value that is neither a number nor one of JMH's words for non-finite ones is an error. */
    private static double strictNumber(JsonNode v, String where) {
        double d = number(v);
        if (Double.isNaN(d) && !(v.isNumber() || "NaN".equals(v.asText().trim()))) {
            throw new IllegalArgumentException(where + " holds " + v + ", not a number");
        }
        return d;
    }

    /** A JMH number: a JSON number or one of the strings JMH writes for non-finite values. */
    static double number(JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        String text = v.asText().trim();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+INF", "INF", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-INF", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}
