package dev.perf.report;

import dev.perf.compare.MetricClass;
import dev.perf.compare.Pairing;
import dev.perf.compare.VerdictPolicy;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Loaded;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.ResultReader;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.stats.ChangePoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A history of runs: every perf result in a directory, oldest first, and per benchmark × metric the series
 * of values with its change points. The value of a run is the metric's median over its samples (for load
 * loops, the exact whole-run value). Immutable.
 *
 * @param schema {@link #SCHEMA}
 * @param directory the directory as given
 * @param method how change points were found
 * @param runs the runs, oldest first (by start time, then commit)
 * @param series one per benchmark × metric
 */
public record History(String schema, String directory, String method, List<Run> runs, List<Series> series) {
    /** Schema of the JSON history. */
    public static final String SCHEMA = "perf-history/1";

    /** Relative changes smaller than this are not reported: below what any threshold would act on. */
    static final double RELATIVE_FLOOR = 0.01;

    /** The change-point method, as reports state it. */
    public static final String METHOD = "E-divisive means with a permutation test (" + ChangePoints.PERMUTATIONS
            + " permutations, alpha 0.01, seed 42, at least " + ChangePoints.MIN_SEGMENT + " runs per segment);"
            + " changes below " + Math.round(RELATIVE_FLOOR * 100)
            + "% or below the unit's noise floor are not reported";

    /** Load-loop metrics whose exact whole-run value stands for the run. */
    private static final Set<String> LOAD_METRICS = Set.of("throughput", "p50", "p99", "errorRate");

    public History {
        runs = List.copyOf(runs);
        series = List.copyOf(series);
    }

    /**
     * One run of the history.
     *
     * @param label the run id
     * @param start its start
     * @param commit its git commit (12 characters), null outside a repository
     * @param file the result file it came from
     */
    public record Run(String label, Instant start, String commit, String file) {}

    /**
     * One benchmark × metric over the runs that measured it.
     *
     * @param benchmark name with parameters
     * @param metric metric name
     * @param unit unit
     * @param runIndexes index into {@link History#runs} of each value
     * @param values the value per run
     * @param changePoints where the series changed level
     */
    public record Series(
            String benchmark,
            String metric,
            String unit,
            List<Integer> runIndexes,
            List<Double> values,
            List<Change> changePoints) {
        public Series {
            runIndexes = List.copyOf(runIndexes);
            values = List.copyOf(values);
            changePoints = List.copyOf(changePoints);
        }
    }

    /**
     * A change point.
     *
     * @param runIndex index into {@link History#runs} of the first run after the change
     * @param run that run's id
     * @param commit that run's commit, null when unknown
     * @param meanBefore mean of the segment before
     * @param meanAfter mean of the segment after
     * @param relativeChange after / before − 1
     * @param pValue permutation p-value
     */
    public record Change(
            int runIndex,
            String run,
            String commit,
            double meanBefore,
            double meanAfter,
            double relativeChange,
            double pValue) {}

    /** Reads every {@code *.json} file of {@code directory} as a perf result; bad input when there are none. */
    public static History read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw PerfException.badInput("--history " + directory + ": not a directory (give the directory that holds"
                    + " the result files)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".json") || name.endsWith(".txt");
                    })
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw PerfException.badInput("cannot list " + directory + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw PerfException.badInput("--history " + directory
                    + ": no result files (*.json, *.txt) in it; write results there with perf run -o " + directory
                    + "/<name>.json");
        }
        List<RunResult> results = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Path f : files) {
            results.add(run(f));
            labels.add(f.toString());
        }
        return of(directory.toString(), results, labels);
    }

    /**
     * One file of the history as a run: a perf result as it is; a JMH, hyperfine or Go file (which carry no
     * time or commit) as a run named after the file that started when the file was last modified.
     */
    private static RunResult run(Path f) {
        Loaded loaded = ResultReader.read(f);
        try {
            if (loaded.run() != null) {
                return loaded.run();
            }
            Instant modified = Files.getLastModifiedTime(f).toInstant();
            String name = f.getFileName().toString();
            return new RunResult(
                    RunResult.SCHEMA,
                    loaded.perfVersion(),
                    new RunInfo(name, modified, modified, loaded.format(), name, f.toString(), false, null),
                    loaded.environment(),
                    loaded.thresholds(),
                    loaded.benchmarks());
        } catch (IOException e) {
            throw PerfException.badInput("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** The history of {@code results} (any order), labelled by the files they came from. */
    public static History of(String directory, List<RunResult> results, List<String> files) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> results.get(i).run().start())
                .thenComparing(i -> String.valueOf(results.get(i).run().git().commit()))
                .thenComparing(files::get));
        List<Run> runs = new ArrayList<>();
        Map<String, SeriesBuilder> builders = new LinkedHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            RunResult r = results.get(order.get(k));
            String commit = r.run().git().commit();
            runs.add(new Run(
                    r.run().id(),
                    r.run().start(),
                    commit == null ? null : commit.substring(0, Math.min(12, commit.length())),
                    files.get(order.get(k))));
            for (BenchmarkResult b : r.benchmarks()) {
                if (b.status() != BenchmarkResult.Status.ok) {
                    continue;
                }
                for (Metric m : b.metrics()) {
                    double value;
                    if (b.load() != null && LOAD_METRICS.contains(m.name())) {
                        value = b.load()
                                .overall()
                                .getOrDefault(m.name(), m.summary().median());
                    } else if (b.load() == null && MetricClass.of(m.name(), m.unit()) != MetricClass.INFO) {
                        value = m.summary().median();
                    } else {
                        continue;
                    }
                    if (!Double.isFinite(value)) {
                        continue;
                    }
                    SeriesBuilder s = builders.computeIfAbsent(
                            b.key() + "\u0000" + m.name(),
                            key -> new SeriesBuilder(shownName(b, r), m.name(), m.unit()));
                    s.runIndexes.add(k);
                    s.values.add(value);
                }
            }
        }
        List<Series> series = new ArrayList<>();
        for (SeriesBuilder s : builders.values()) {
            double[] values = s.values.stream().mapToDouble(Double::doubleValue).toArray();
            List<Change> changes = new ArrayList<>();
            for (ChangePoints.ChangePoint cp : ChangePoints.find(values)) {
                if (Math.abs(cp.relativeChange()) < RELATIVE_FLOOR
                        || Math.abs(cp.meanAfter() - cp.meanBefore()) < VerdictPolicy.floor(s.unit)) {
                    continue; // a wobble of 0.0002 B/op or 0.5 % is not a change anyone acts on
                }
                Run at = runs.get(s.runIndexes.get(cp.index()));
                changes.add(new Change(
                        s.runIndexes.get(cp.index()),
                        at.label(),
                        at.commit(),
                        cp.meanBefore(),
                        cp.meanAfter(),
                        cp.relativeChange(),
                        cp.pValue()));
            }
            series.add(new Series(s.benchmark, s.metric, s.unit, s.runIndexes, s.values, changes));
        }
        return new History(SCHEMA, directory, METHOD, runs, series);
    }

    /** The display name, with the JMH mode when the run has this benchmark in several modes. */
    private static String shownName(BenchmarkResult b, RunResult run) {
        return Pairing.shownName(b, run.benchmarks());
    }

    private static final class SeriesBuilder {
        final String benchmark;
        final String metric;
        final String unit;
        final List<Integer> runIndexes = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        SeriesBuilder(String benchmark, String metric, String unit) {
            this.benchmark = benchmark;
            this.metric = metric;
            this.unit = unit;
        }
    }
}
