package dev.perf.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content of one result file ({@code perf-result/1}): the run, its environment and one entry per
 * benchmark. Immutable.
 *
 * @param schema schema identifier, {@link #SCHEMA}
 * @param perfVersion version of perf that wrote the file
 * @param run what was run and when
 * @param environment the machine and JVM
 * @param thresholds the suite's regression thresholds, applied by {@code perf compare} when this is the current
 *     result
 * @param benchmarks one entry per benchmark and parameter combination, in run order
 */
public record RunResult(
        String schema,
        String perfVersion,
        RunInfo run,
        Environment environment,
        Thresholds thresholds,
        List<BenchmarkResult> benchmarks) {

    /** The schema this version of perf writes and reads. */
    public static final String SCHEMA = "perf-result/1";

    public RunResult {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(run, "run");
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
    }

    /** SLO targets that failed, as {@code benchmark: metric}. */
    public List<String> failedTargets() {
        return targets("fail");
    }

    /** The load loops stopped early by an SLO with {@code abortOnFail}, as {@code loop: reason}. */
    public List<String> abortedLoops() {
        List<String> out = new ArrayList<>();
        for (BenchmarkResult b : benchmarks) {
            if (b.load() != null && b.load().aborted() != null) {
                out.add(b.name() + ": " + b.load().aborted());
            }
        }
        return out;
    }

    /**
     * The SLO targets whose verdict is {@code status} ({@code fail}, {@code warn}, {@code inconclusive}), as
     * {@code loop: metric}, with the reason for an inconclusive one.
     */
    public List<String> targets(String status) {
        List<String> out = new ArrayList<>();
        for (BenchmarkResult b : benchmarks) {
            if (b.load() != null) {
                b.load().targets().stream()
                        .filter(t -> status.equals(t.status()))
                        .forEach(t -> out.add(b.displayName() + ": " + t.metric()
                                + (t.reason() == null || !"inconclusive".equals(status)
                                        ? ""
                                        : " (" + t.reason() + ")")));
            }
        }
        return out;
    }

    /** Number of benchmarks that failed. */
    public long failedCount() {
        return benchmarks.stream()
                .filter(b -> b.status() == BenchmarkResult.Status.failed)
                .count();
    }
}
