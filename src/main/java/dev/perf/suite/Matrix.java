package dev.perf.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.PerfException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter matrices of load loops: {@code matrix: { size: [64, 1024], clients: [1, 8] }} on a {@code load:}
 * entry expands, in the suite's tree before it is bound, into one loop per combination named like JMH's
 * {@code publish[clients=8,size=1024]} (axes sorted by name, the last axis varying fastest), with every
 * {@code ${param.NAME}} replaced by that combination's value wherever a value is. A whole value that is one
 * placeholder keeps the axis value's type (a number stays a number). Pure.
 */
public final class Matrix {
    private Matrix() {}

    /** Above this many loops from one entry the expansion refuses whatever the flags (memory, not taste). */
    static final int HARD_LIMIT = 100_000;

    private static final Pattern PARAM = Pattern.compile("\\$\\{param\\.([A-Za-z0-9_-]+)}");
    private static final Pattern EXPANDED = Pattern.compile("(.+)\\[([^\\[\\]]+)](/.+)?");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Whether {@code suite} (its tree) has a matrix or a {@code ${param.X}} anywhere in a load entry. */
    static boolean present(JsonNode suite) {
        int index = 0;
        for (JsonNode entry : suite.path("benchmarks")) {
            int inner = 0;
            for (JsonNode e : entry.path("parallel")) {
                JsonNode load = e.path("load");
                if (load.isObject()
                        && (load.has("matrix") || PARAM.matcher(load.toString()).find())) {
                    throw new IllegalArgumentException("benchmarks[" + index + "].parallel[" + inner + "].load: a"
                            + " matrix: does not run inside parallel: yet; give the loops of each combination by"
                            + " name, or run the matrix as its own entry");
                }
                inner++;
            }
            index++;
            JsonNode load = entry.path("load");
            if (load.isObject()
                    && (load.has("matrix") || PARAM.matcher(load.toString()).find())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code suite} with every matrix expanded; an {@link IllegalArgumentException} naming the entry when an axis
     * is empty or not a list of values, a placeholder names no axis, or the entry would give more than {@link
     * #HARD_LIMIT} loops.
     */
    static JsonNode expand(JsonNode suite) {
        ObjectNode out = suite.deepCopy();
        ArrayNode expanded = F.arrayNode();
        int index = 0;
        for (JsonNode entry : suite.path("benchmarks")) {
            String where = "benchmarks[" + index++ + "].load";
            JsonNode load = entry.path("load");
            if (!load.isObject()) {
                expanded.add(entry);
                continue;
            }
            Map<String, List<JsonNode>> axes = axes(load.get("matrix"), where);
            List<Map<String, JsonNode>> combinations = combinations(axes, where);
            for (Map<String, JsonNode> combination : combinations) {
                ObjectNode copy = ((ObjectNode) entry).deepCopy();
                ObjectNode loop = (ObjectNode) copy.get("load");
                loop.remove("matrix");
                JsonNode substituted = substitute(loop, combination, axes.keySet(), where);
                if (!combination.isEmpty() && loop.path("name").isTextual()) {
                    ((ObjectNode) substituted)
                            .put("name", name(loop.path("name").asText(), text(combination)));
                }
                copy.set("load", substituted);
                expanded.add(copy);
            }
        }
        if (out.has("benchmarks")) {
            out.set("benchmarks", expanded);
        }
        return out;
    }

    private static Map<String, List<JsonNode>> axes(JsonNode matrix, String where) {
        Map<String, List<JsonNode>> axes = new TreeMap<>();
        if (matrix == null || matrix.isNull()) {
            return axes;
        }
        if (!matrix.isObject() || matrix.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ".matrix: give axes of values, e.g. matrix: { size: [64, 1024] }");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = matrix.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> axis = it.next();
            JsonNode values = axis.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(where + ".matrix." + axis.getKey()
                        + ": an axis needs at least one value, e.g. " + axis.getKey() + ": [1, 8]");
            }
            reserved(where + ".matrix: the axis name '" + axis.getKey() + "'", axis.getKey());
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode v : values) {
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException(
                            where + ".matrix." + axis.getKey() + ": values are numbers or text, not "
                                    + v.getNodeType().toString().toLowerCase(Locale.ROOT));
                }
                reserved(where + ".matrix." + axis.getKey() + ": the value '" + v.asText() + "'", v.asText());
                if (list.stream().anyMatch(seen -> seen.asText().equals(v.asText()))) {
                    throw new IllegalArgumentException(where + ".matrix." + axis.getKey() + ": the value '" + v.asText()
                            + "' is given twice; list each value once");
                }
                list.add(v);
            }
            axes.put(axis.getKey(), list);
        }
        return axes;
    }

    /** Names and values spell a loop's name ({@code publish[clients=8,size=1024]}): none of its marks in them. */
    private static void reserved(String what, String text) {
        if (text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '=' || c == '[' || c == ']')) {
            throw new IllegalArgumentException(what + (text.isEmpty() ? " is empty" : " contains , = [ or ]")
                    + ": they spell the loop's name, e.g. publish[clients=8]; choose another");
        }
    }

    private static List<Map<String, JsonNode>> combinations(Map<String, List<JsonNode>> axes, String where) {
        long count = 1;
        for (List<JsonNode> values : axes.values()) {
            count *= values.size();
            if (count > HARD_LIMIT) {
                throw new IllegalArgumentException(
                        where + ".matrix: more than " + HARD_LIMIT + " combinations; split it");
            }
        }
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> axis : axes.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : axis.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static JsonNode substitute(JsonNode node, Map<String, JsonNode> values, Set<String> axes, String where) {
        if (node.isTextual()) {
            String text = node.asText();
            Matcher m = PARAM.matcher(text);
            if (!m.find()) {
                return node;
            }
            if (m.start() == 0 && m.end() == text.length()) {
                return value(m.group(1), values, axes, where);
            }
            StringBuilder sb = new StringBuilder();
            m.reset();
            while (m.find()) {
                m.appendReplacement(
                        sb,
                        Matcher.quoteReplacement(
                                value(m.group(1), values, axes, where).asText()));
            }
            m.appendTail(sb);
            return TextNode.valueOf(sb.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = F.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), values, axes, where)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(e -> copy.add(substitute(e, values, axes, where)));
            return copy;
        }
        return node;
    }

    private static JsonNode value(String axis, Map<String, JsonNode> values, Set<String> axes, String where) {
        JsonNode v = values.get(axis);
        if (v == null) {
            throw new IllegalArgumentException(where + ": ${param." + axis + "} names no matrix axis"
                    + (axes.isEmpty()
                            ? "; add matrix: { " + axis + ": [...] } to this load entry"
                            : "; axes: " + String.join(", ", axes)));
        }
        return v;
    }

    private static Map<String, String> text(Map<String, JsonNode> combination) {
        Map<String, String> out = new TreeMap<>();
        combination.forEach((k, v) -> out.put(k, v.asText()));
        return out;
    }

    /** {@code base[k1=v1,k2=v2]}, parameters sorted by name, as a matrix names its loops. */
    public static String name(String base, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base).append('[');
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.append(']').toString();
    }

    /**
     * A loop's identity in results: a matrix loop {@code publish[clients=8,size=1024]} (or one operation of it,
     * {@code publish[...]/get}) is {@code publish} (or {@code publish/get}) with those parameters, like a JMH
     * benchmark; any other name stands as it is, without parameters.
     *
     * @param name the name in results
     * @param params the matrix combination, sorted by name
     */
    public record Identity(String name, Map<String, String> params) {
        /** Whether {@code loopName} is a matrix combination's name, e.g. {@code publish[clients=8]}. */
        static boolean isExpanded(String loopName) {
            return !of(loopName).params().isEmpty();
        }

        /** The identity of the loop named {@code loopName}. */
        public static Identity of(String loopName) {
            Matcher m = EXPANDED.matcher(loopName);
            if (!m.matches()) {
                return new Identity(loopName, Map.of());
            }
            Map<String, String> params = new TreeMap<>();
            for (String pair : m.group(2).split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return new Identity(loopName, Map.of());
                }
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return new Identity(m.group(1) + (m.group(3) == null ? "" : m.group(3)), params);
        }
    }

    /** {@code results} of a load loop with their matrix identity: name without the brackets, params from them. */
    public static List<BenchmarkResult> identified(List<BenchmarkResult> results) {
        List<BenchmarkResult> out = new ArrayList<>();
        for (BenchmarkResult r : results) {
            Identity id = Identity.of(r.name());
            out.add(id.params().isEmpty() ? r : r.withIdentity(id.name(), id.params()));
        }
        return out;
    }

    /** Loops one matrix may give without {@code --force}. */
    public static final int SOFT_LIMIT = 1_000;

    /**
     * Bad input when a matrix of {@code suite} expanded into more than {@link #SOFT_LIMIT} loops and {@code
     * force} is false: a typo in an axis should not start a week of load.
     */
    public static void checkSize(Suite suite, boolean force, String label) {
        Map<String, Integer> loops = new TreeMap<>();
        for (BenchmarkEntry e : suite.benchmarks()) {
            if (e.load() != null) {
                Identity id = Identity.of(e.load().name());
                if (!id.params().isEmpty()) {
                    loops.merge(id.name(), 1, Integer::sum);
                }
            }
        }
        loops.forEach((name, n) -> {
            if (n > SOFT_LIMIT && !force) {
                throw PerfException.badInput(label + ": the matrix of load '" + name + "' expands to " + n
                        + " loops (more than " + SOFT_LIMIT + "); trim an axis, or run them with --force");
            }
        });
    }
}
