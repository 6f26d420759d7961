package dev.perf.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

/**
 * A {@code META-INF/BenchmarkList} line as JMH 1.12 and older wrote it: 22 fields separated by {@code ===,===}
 * (class, generated class, method, mode, thread groups as {@code 1=2=}, threads, the iteration settings, forks,
 * the JVM and its arguments, {@code @Param} values, time unit, operations per invocation, timeout), each optional
 * one written {@code []} or {@code [value]}; lists joined by {@code ===SEP===}, parameters by {@code ===SEP-K===},
 * {@code ===SEP-V===} and {@code ===PAIR-SEP===}. Read into today's entry, which plans and lists the benchmarks as
 * any other; the jar still runs them with its own JMH. Pure.
 */
final class SeparatedBenchmarkList {
    private SeparatedBenchmarkList() {}

    private static final String FIELD = "===,===";
    private static final int FIELDS = 22;

    /** Whether {@code line} is in this format (rather than JMH 1.13+'s tagged {@code JMH ...} lines). */
    static boolean matches(String line) {
        return !line.startsWith("JMH ") && line.contains(FIELD);
    }

    /**
     * Today's entry for {@code line}; {@link IllegalArgumentException} with what is wrong when the line has another
     * number of fields (a JMH older still) or a field that does not read.
     */
    static BenchmarkListEntry read(String line) {
        String[] f = line.split(FIELD, -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException(f.length + " fields where JMH 1.12 wrote " + FIELDS);
        }
        try {
            return new BenchmarkListEntry(
                    f[0].trim(),
                    f[1].trim(),
                    f[2].trim(),
                    Mode.deepValueOf(f[3].trim()),
                    optional(f[5], Integer::valueOf),
                    threadGroups(f[4]),
                    Optional.none(),
                    optional(f[6], Integer::valueOf),
                    optional(f[7], TimeValue::fromString),
                    optional(f[8], Integer::valueOf),
                    optional(f[9], Integer::valueOf),
                    optional(f[10], TimeValue::fromString),
                    optional(f[11], Integer::valueOf),
                    optional(f[12], Integer::valueOf),
                    optional(f[13], Integer::valueOf),
                    optional(f[14], s -> s),
                    optional(f[15], SeparatedBenchmarkList::strings),
                    optional(f[16], SeparatedBenchmarkList::strings),
                    optional(f[17], SeparatedBenchmarkList::strings),
                    optional(f[18], SeparatedBenchmarkList::params),
                    optional(f[19], TimeUnit::valueOf),
                    optional(f[20], Integer::valueOf),
                    optional(f[21], TimeValue::fromString));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "a field does not read as JMH 1.12 wrote it (" + e.getMessage() + ")", e);
        }
    }

    private static <T> Optional<T> optional(String field, Function<String, T> value) {
        String s = field.trim();
        if (s.equals("[]")) {
            return Optional.none();
        }
        if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            throw new IllegalArgumentException("'" + s + "' is neither [] nor [value]");
        }
        return Optional.of(value.apply(s.substring(1, s.length() - 1)));
    }

    /** {@code text} split at each {@code separator}, trailing empty parts dropped, as JMH 1.12 split it. */
    private static String[] split(String text, String separator) {
        return Pattern.compile(separator, Pattern.LITERAL).split(text);
    }

    private static int[] threadGroups(String field) {
        return Arrays.stream(split(field, "="))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
    }

    private static Collection<String> strings(String s) {
        return List.of(split(s, "===SEP==="));
    }

    private static Map<String, String[]> params(String s) {
        Map<String, String[]> out = new TreeMap<>();
        for (String pair : split(s, "===PAIR-SEP===")) {
            String[] kv = pair.split("===SEP-K===", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("parameter '" + pair + "' has no ===SEP-K===");
            }
            if (kv[1].equalsIgnoreCase("===EMPTY===")) {
                out.put(kv[0], new String[0]);
            } else {
                String[] values = split(kv[1], "===SEP-V===");
                for (int i = 0; i < values.length; i++) {
                    if (values[i].equals("===EMPTY-VAL===")) {
                        values[i] = "";
                    }
                }
                out.put(kv[0], values);
            }
        }
        return out;
    }
}
