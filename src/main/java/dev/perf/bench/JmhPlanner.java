package dev.perf.bench;

import dev.perf.suite.JmhOptions;
import dev.perf.suite.JmhSpec;
import dev.perf.suite.SuiteSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/** Turns a suite's {@code jmh:} entry into a {@link JmhJob}: finds the code, selects the benchmarks. */
public final class JmhPlanner {
    private JmhPlanner() {}

    /**
     * A planned entry: the job (possibly selecting nothing) and every benchmark name the entry's code holds.
     *
     * @param job what to run
     * @param available all benchmark names in the entry's code, for messages when nothing matched
     */
    public record Plan(JmhJob job, List<String> available) {
        public Plan {
            available = List.copyOf(available);
        }
    }

    /**
     * Plans {@code spec} from {@code source} with {@code options}; {@code only} (nullable) further filters by
     * name. Bad input when the jar or classpath is missing or holds no benchmarks.
     */
    public static Plan plan(SuiteSource source, JmhSpec spec, JmhOptions options, Pattern only) {
        return plan(source, spec, options, only, null);
    }

    /**
     * The benchmarks {@code spec} selects, one line each with the params they run with ({@code name
     * size=16,1024}): the suite's or {@code -p} values over the benchmark's own defaults.
     */
    public static List<String> listing(SuiteSource source, JmhSpec spec, Pattern only) {
        List<String> lines = new ArrayList<>();
        plan(source, spec, JmhOptions.NONE, only, lines);
        return lines;
    }

    private static Plan plan(SuiteSource source, JmhSpec spec, JmhOptions options, Pattern only, List<String> listing) {
        JmhJob.Route route;
        List<BenchmarkListEntry> entries;
        if (spec.jar() != null) {
            Path jar = source.resolve(spec.jar());
            entries = BenchmarkCatalog.of(jar, "jmh jar " + spec.jar());
            BenchmarkCatalog.requireRunnable(jar, "jmh jar " + spec.jar());
            route = new JmhJob.Route.Jar(jar);
        } else if (spec.classpath() != null) {
            List<Path> cp = spec.classpath().stream().map(source::resolve).toList();
            entries = BenchmarkCatalog.ofClasspath(cp, "jmh classpath " + String.join(":", spec.classpath()));
            route = new JmhJob.Route.Classpath(cp);
        } else {
            entries = BenchmarkCatalog.own();
            route = new JmhJob.Route.Own();
        }
        Pattern include = spec.includePattern();
        Pattern exclude = spec.excludePattern();
        Set<String> available = new LinkedHashSet<>();
        Set<String> selected = new LinkedHashSet<>();
        int planned = 0;
        int perBenchmark = options.iterationsPerBenchmark();
        for (BenchmarkListEntry e : entries.stream().sorted().toList()) {
            String name = e.getUsername();
            available.add(name);
            if (include.matcher(name).find()
                    && (exclude == null || !exclude.matcher(name).find())
                    && (only == null || only.matcher(name).find())) {
                selected.add(name);
                planned += BenchmarkCatalog.combinations(e, spec.params()) * perBenchmark;
                if (listing != null) {
                    StringBuilder line = new StringBuilder(name);
                    if (e.getParams().hasValue()) {
                        new TreeMap<>(e.getParams().get()).forEach((k, v) -> line.append(' ')
                                .append(k)
                                .append('=')
                                .append(String.join(",", spec.params().getOrDefault(k, List.of(v)))));
                    }
                    listing.add(line.toString());
                }
            }
        }
        return new Plan(
                new JmhJob(route, new ArrayList<>(selected), options, spec.params(), planned),
                new ArrayList<>(available));
    }
}
