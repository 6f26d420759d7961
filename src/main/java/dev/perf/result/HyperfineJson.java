package dev.perf.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads hyperfine's {@code --export-json}: one benchmark per command, its wall times ({@code times}, in
 * seconds) as the metric {@code time} and, when hyperfine measured it, {@code memory_usage_byte} as {@code
 * memory}. Parameter values of a parameter scan become the benchmark's params. Pure and thread-safe.
 */
public final class HyperfineJson {
    private HyperfineJson() {}

    /** Whether {@code root} looks like hyperfine's export: {@code results} of objects with command and times. */
    public static boolean looksLike(JsonNode root) {
        JsonNode results = root == null ? null : root.get("results");
        return results != null
                && results.isArray()
                && results.size() > 0
                && results.get(0).has("command")
                && results.get(0).has("times");
    }

    /** The benchmarks of a hyperfine export. */
    public static List<BenchmarkResult> read(JsonNode root) {
        List<BenchmarkResult> out = new ArrayList<>();
        for (JsonNode r : root.get("results")) {
            Map<String, String> params = new LinkedHashMap<>();
            r.path("parameters")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            String failure = failure(r.path("exit_codes"));
            if (failure != null) {
                // a command that failed measured its failure, not its work: its times are no figure to compare
                out.add(new BenchmarkResult(
                        r.path("command").asText(),
                        "hyperfine",
                        null,
                        params,
                        BenchmarkResult.Status.failed,
                        failure,
                        List.of()));
                continue;
            }
            List<Metric> metrics = new ArrayList<>();
            metrics.add(Metric.of("time", "s", Better.LOWER, List.of(numbers(r.get("times")))));
            if (r.path("memory_usage_byte").isArray()
                    && r.path("memory_usage_byte").size() > 0) {
                metrics.add(Metric.of("memory", "B", Better.LOWER, List.of(numbers(r.get("memory_usage_byte")))));
            }
            out.add(new BenchmarkResult(
                    r.path("command").asText(), "hyperfine", null, params, BenchmarkResult.Status.ok, null, metrics));
        }
        return out;
    }

    /** Why a command failed ("exited with status 1 in 10 of 10 runs"), or null when every run exited 0. */
    static String failure(JsonNode exitCodes) {
        if (!exitCodes.isArray() || exitCodes.isEmpty()) {
            return null;
        }
        java.util.Map<String, Integer> byCode = new java.util.TreeMap<>();
        int failed = 0;
        for (JsonNode c : exitCodes) {
            if (!c.isNumber() || c.asInt() != 0) {
                failed++;
                byCode.merge(c.isNull() ? "a signal" : "status " + c.asText(), 1, Integer::sum);
            }
        }
        if (failed == 0) {
            return null;
        }
        return "the command exited with " + String.join(", ", byCode.keySet()) + " in " + failed + " of "
                + exitCodes.size() + " runs (hyperfine -i kept going)";
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException("a time or memory value is " + v + ", not a number");
            }
            values.add(v.asDouble());
        }
        return values;
    }
}
