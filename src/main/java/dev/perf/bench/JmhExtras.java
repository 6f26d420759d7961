package dev.perf.bench;

import dev.perf.result.PerfException;
import dev.perf.suite.JmhSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JMH options a JMH user passes on the command line, given to every {@code jmh:} entry of a run: {@code
 * -p NAME=V1,V2} (over the suite's params), {@code -prof NAME[:opts]}, {@code -bm MODES}, {@code -tu UNIT},
 * {@code -jvmArgsPrepend ARGS}. Immutable; a bad value is a usage error naming the flag.
 *
 * @param params parameter values by name, replacing the suite's for that name
 * @param profilers JMH profilers with their options, e.g. {@code stack:lines=5}
 * @param modes benchmark modes ({@code thrpt avgt sample ss all}), empty for the benchmarks' own
 * @param timeUnit output time unit ({@code ns us ms s m}), null for the benchmarks' own
 * @param jvmArgsPrepend JVM arguments put before the forks' own, null for none
 */
public record JmhExtras(
        Map<String, List<String>> params,
        List<String> profilers,
        List<String> modes,
        String timeUnit,
        String jvmArgsPrepend) {

    /** No pass-through options. */
    public static final JmhExtras NONE = new JmhExtras(null, null, null, null, null);

    private static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss", "all");
    private static final Set<String> UNITS = Set.of("ns", "us", "ms", "s", "m");

    public JmhExtras {
        params = params == null ? Map.of() : Map.copyOf(params);
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
        modes = modes == null ? List.of() : List.copyOf(modes);
        for (String m : modes) {
            if (!MODES.contains(m)) {
                throw PerfException.usage(
                        "-bm " + m + " is not a JMH mode: use thrpt, avgt, sample, ss or all (comma-separated)");
            }
        }
        if (timeUnit != null && !UNITS.contains(timeUnit)) {
            throw PerfException.usage("-tu " + timeUnit + " is not a JMH time unit: use ns, us, ms, s or m");
        }
        for (String p : profilers) {
            if (p.isBlank() || p.startsWith(":")) {
                throw PerfException.usage("-prof '" + p + "' names no profiler: use e.g. -prof stack or -prof gc");
            }
        }
    }

    /**
     * {@code -p} flags ({@code NAME=V1,V2}, repeatable) as a map; a flag without {@code =} or a value is a
     * usage error.
     */
    public static Map<String, List<String>> parseParams(List<String> flags) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (flags == null) {
            return out;
        }
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0 || eq == flag.length() - 1) {
                throw PerfException.usage(
                        "-p " + flag + ": give NAME=VALUE or NAME=V1,V2 (a JMH @Param and its values)");
            }
            out.put(flag.substring(0, eq), Arrays.asList(flag.substring(eq + 1).split(",", -1)));
        }
        return out;
    }

    /** {@code spec} with these params over its own. */
    public JmhSpec applyTo(JmhSpec spec) {
        if (params.isEmpty()) {
            return spec;
        }
        Map<String, List<String>> merged = new LinkedHashMap<>(spec.params());
        merged.putAll(params);
        return new JmhSpec(spec.include(), spec.exclude(), spec.jar(), spec.classpath(), merged);
    }

    /**
     * JMH arguments for everything but the params; {@code gcOn}: perf already asks for {@code -prof gc}, so a
     * second one is left out.
     */
    public List<String> arguments(boolean gcOn) {
        List<String> args = new ArrayList<>();
        for (String p : profilers) {
            if (!(gcOn && p.equals("gc"))) {
                args.add("-prof");
                args.add(p);
            }
        }
        if (!modes.isEmpty()) {
            args.add("-bm");
            args.add(String.join(",", modes));
        }
        if (timeUnit != null) {
            args.add("-tu");
            args.add(timeUnit);
        }
        if (jvmArgsPrepend != null) {
            args.add("-jvmArgsPrepend");
            args.add(jvmArgsPrepend);
        }
        return args;
    }

    /** What was passed, as a user would type it (for the result's record of the run); empty for none. */
    public List<String> asTyped() {
        List<String> out = new ArrayList<>();
        params.forEach((k, v) -> {
            out.add("-p");
            out.add(k + "=" + String.join(",", v));
        });
        out.addAll(arguments(false));
        return out;
    }
}
