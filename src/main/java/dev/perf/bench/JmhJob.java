package dev.perf.bench;

import dev.perf.suite.JmhOptions;
import dev.perf.suite.Quantity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One JMH invocation: which benchmarks, with which options, from which code. Immutable.
 *
 * @param route where the benchmark code is and which JMH runs it
 * @param benchmarks exact benchmark names to run, in order
 * @param options effective JMH options (profile + overrides)
 * @param params JMH parameter overrides
 * @param plannedIterations warm-up plus measurement iterations over all forks and parameter combinations
 * @param extraArguments further JMH arguments, e.g. a profiler ({@code -prof jfr:dir=...})
 */
public record JmhJob(
        Route route,
        List<String> benchmarks,
        JmhOptions options,
        Map<String, List<String>> params,
        int plannedIterations,
        List<String> extraArguments) {

    /** A job without extra arguments. */
    public JmhJob(
            Route route,
            List<String> benchmarks,
            JmhOptions options,
            Map<String, List<String>> params,
            int plannedIterations) {
        this(route, benchmarks, options, params, plannedIterations, List.of());
    }

    /** Where benchmark code lives; decides how JMH is started. */
    public sealed interface Route {
        /** Benchmarks on perf's own classpath, run by JMH's {@code Runner} inside perf. */
        record Own() implements Route {}

        /** A user's JMH uber-jar, run as {@code java -jar JAR} with its own JMH. */
        record Jar(Path jar) implements Route {}

        /** A user's classes with JMH-generated code, run in a child JVM with perf's JMH. */
        record Classpath(List<Path> entries) implements Route {
            public Classpath {
                entries = List.copyOf(entries);
            }
        }
    }

    public JmhJob {
        Objects.requireNonNull(route, "route");
        benchmarks = List.copyOf(benchmarks);
        Objects.requireNonNull(options, "options");
        params = Map.copyOf(params);
        extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }

    /** This job with {@code arguments} added to JMH's command line. */
    public JmhJob withExtraArguments(List<String> arguments) {
        List<String> all = new ArrayList<>(extraArguments);
        all.addAll(arguments);
        return new JmhJob(route, benchmarks, options, params, plannedIterations, all);
    }

    /** This job with {@code newOptions}; planned iterations follow them. */
    public JmhJob withOptions(JmhOptions newOptions) {
        int perCombination = Math.max(1, options.iterationsPerBenchmark());
        int combinations = Math.max(1, plannedIterations / perCombination);
        return new JmhJob(
                route,
                benchmarks,
                newOptions,
                params,
                combinations * newOptions.iterationsPerBenchmark(),
                extraArguments);
    }

    /** This job with only {@code subset} of its benchmarks; planned iterations scale with the count. */
    public JmhJob withBenchmarks(List<String> subset) {
        int perBenchmark = benchmarks.isEmpty() ? 0 : plannedIterations / benchmarks.size();
        return new JmhJob(route, subset, options, params, perBenchmark * subset.size(), extraArguments);
    }

    /** Iterations planned for each benchmark and parameter combination: forks × (warm-up + measurement). */
    public int iterationsPerBenchmark() {
        return options.iterationsPerBenchmark();
    }

    /** JMH command-line arguments for this job, writing JSON results to {@code jsonFile}. */
    public List<String> jmhArguments(Path jsonFile) {
        List<String> args = new ArrayList<>();
        add(args, "-f", options.forks());
        add(args, "-wi", options.warmupIterations());
        if (options.warmupTime() != null) {
            args.add("-w");
            args.add(Quantity.format(options.warmupTime()));
        }
        add(args, "-i", options.iterations());
        if (options.time() != null) {
            args.add("-r");
            args.add(Quantity.format(options.time()));
        }
        add(args, "-t", options.threads());
        if (options.jvmArgs() != null && !options.jvmArgs().isEmpty()) {
            args.add("-jvmArgsAppend");
            args.add(String.join(" ", options.jvmArgs()));
        }
        if (options.gcProfilerEnabled()) {
            args.add("-prof");
            args.add("gc");
        }
        params.forEach((k, v) -> {
            args.add("-p");
            args.add(k + "=" + String.join(",", v));
        });
        args.add("-foe");
        args.add("false");
        args.add("-rf");
        args.add("json");
        args.add("-rff");
        args.add(jsonFile.toString());
        args.addAll(extraArguments);
        for (String name : benchmarks) {
            args.add("^" + Pattern.quote(name) + "$");
        }
        return args;
    }

    private static void add(List<String> args, String flag, Integer value) {
        if (value != null) {
            args.add(flag);
            args.add(Integer.toString(value));
        }
    }
}
