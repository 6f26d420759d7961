package dev.perf.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Go's benchmark text format (the output of {@code go test -bench}, as benchstat reads it).
 *
 * <p>{@code key: value} lines set configuration for the result lines after them; a result line is {@code
 * Benchmark<Name>[-P] <iterations> <value> <unit> [<value> <unit>]...}; {@code Unit <unit> key=value}
 * lines declare a unit {@code assume=exact} or {@code better=higher|lower}; every other line is ignored.
 * The benchmark name drops the {@code Benchmark} prefix, as benchstat shows it. Pure and thread-safe.
 */
public final class GoBenchText {
    private static final Pattern CONFIG = Pattern.compile("^([a-z][^\\s:A-Z]*):(?:\\s+(.*))?$");
    private static final Pattern RESULT = Pattern.compile("^Benchmark(\\S*)\\s+(\\d+)((?:\\s+\\S+\\s+\\S+)+)\\s*$");
    private static final Pattern UNIT = Pattern.compile("^Unit\\s+(\\S+)((?:\\s+\\S+=\\S+)+)\\s*$");

    private GoBenchText() {}

    /**
     * One result line with the configuration in force where it stood.
     *
     * @param config configuration keys and values (file order)
     * @param name benchmark name without the {@code Benchmark} prefix
     * @param values value per unit, in line order
     */
    public record Line(Map<String, String> config, String name, Map<String, Double> values) {}

    /**
     * The parsed file.
     *
     * @param records result lines in order
     * @param exactUnits units declared {@code assume=exact}
     * @param higherIsBetter units declared {@code better=higher}
     */
    public record Parsed(List<Line> records, Set<String> exactUnits, Set<String> higherIsBetter) {}

    /** Parses the text; lines that are not configuration, units or results are skipped. */
    public static Parsed parse(String text) {
        Map<String, String> config = new LinkedHashMap<>();
        List<Line> records = new ArrayList<>();
        Set<String> exact = new LinkedHashSet<>();
        Set<String> higher = new LinkedHashSet<>();
        for (String raw : text.split("\r?\n", -1)) {
            String line = raw.strip();
            Matcher m;
            if ((m = RESULT.matcher(line)).matches()) {
                String[] fields = m.group(3).trim().split("\\s+", -1);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int i = 0; i + 1 < fields.length; i += 2) {
                    double v;
                    try {
                        v = Double.parseDouble(fields[i]);
                    } catch (NumberFormatException e) {
                        values = null;
                        break;
                    }
                    if (!Double.isFinite(v)) { // Go's testing package never writes NaN or Inf: not a result line
                        values = null;
                        break;
                    }
                    values.put(fields[i + 1], v);
                }
                if (values != null && !values.isEmpty()) {
                    records.add(new Line(Map.copyOf(config), m.group(1), values));
                }
            } else if ((m = UNIT.matcher(line)).matches()) {
                for (String pair : m.group(2).trim().split("\\s+", -1)) {
                    if (pair.equals("assume=exact")) {
                        exact.add(m.group(1));
                    } else if (pair.equals("better=higher")) {
                        higher.add(m.group(1));
                    }
                }
            } else if ((m = CONFIG.matcher(line)).matches()) {
                config.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
            }
        }
        return new Parsed(records, exact, higher);
    }

    /**
     * The configuration keys that are part of a Go benchmark's identity, as benchstat keys on them: the same
     * name in another package, or measured on another OS, architecture or CPU, is another benchmark.
     */
    public static final List<String> IDENTITY = List.of("pkg", "goos", "goarch", "cpu");

    /**
     * Groups records into benchmarks: one per name and identity configuration ({@link #IDENTITY}, kept as
     * parameters), one metric per unit, samples in file order (one group).
     */
    public static List<BenchmarkResult> toBenchmarks(List<Line> records, Set<String> higherIsBetter) {
        Map<Map<String, String>, Map<String, List<Double>>> byIdentity = new LinkedHashMap<>();
        Map<Map<String, String>, String> names = new LinkedHashMap<>();
        for (Line r : records) {
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("\u0000name", r.name());
            for (String key : IDENTITY) {
                String value = r.config().get(key);
                if (value != null && !value.isEmpty()) {
                    identity.put(key, value);
                }
            }
            names.putIfAbsent(identity, r.name());
            Map<String, List<Double>> units = byIdentity.computeIfAbsent(identity, k -> new LinkedHashMap<>());
            r.values().forEach((unit, v) -> units.computeIfAbsent(unit, k -> new ArrayList<>())
                    .add(v));
        }
        List<BenchmarkResult> out = new ArrayList<>();
        byIdentity.forEach((identity, units) -> {
            List<Metric> metrics = new ArrayList<>();
            units.forEach((unit, values) -> metrics.add(Metric.of(
                    unit,
                    unit,
                    higherIsBetter.contains(unit) || unit.endsWith("/s") ? Better.HIGHER : Better.LOWER,
                    List.of(values))));
            Map<String, String> params = new LinkedHashMap<>(identity);
            params.remove("\u0000name");
            out.add(new BenchmarkResult(
                    names.get(identity), "go", null, params, BenchmarkResult.Status.ok, null, metrics));
        });
        return out;
    }
}
