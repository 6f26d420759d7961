package dev.perf.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of one benchmark (one parameter combination) in a run. Immutable.
 *
 * @param name fully qualified benchmark name, e.g. {@code dev.perf.demo.TenantCacheBench.hit}
 * @param kind engine that produced it: {@code jmh} (later also {@code load})
 * @param mode JMH mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss}); null for other kinds
 * @param params benchmark parameters (JMH {@code @Param} values), sorted by name
 * @param status whether it produced measurements
 * @param error error text when {@code status} is {@code failed}, otherwise null
 * @param metrics measurements; empty when failed
 * @param load what a load loop measured besides its metrics; null for JMH benchmarks
 */
public record BenchmarkResult(
        String name,
        String kind,
        String mode,
        Map<String, String> params,
        Status status,
        String error,
        List<Metric> metrics,
        LoadDetails load) {

    /** Whether a benchmark produced measurements. */
    public enum Status {
        ok,
        failed
    }

    /** A benchmark without load details (JMH and foreign formats). */
    public BenchmarkResult(
            String name,
            String kind,
            String mode,
            Map<String, String> params,
            Status status,
            String error,
            List<Metric> metrics) {
        this(name, kind, mode, params, status, error, metrics, null);
    }

    public BenchmarkResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (status == Status.failed && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed benchmark needs its error text: " + name);
        }
    }

    /** This result with {@code details} as its load details. */
    public BenchmarkResult withLoad(LoadDetails details) {
        return new BenchmarkResult(name, kind, mode, params, status, error, metrics, details);
    }

    /** This result under {@code newName} with {@code newParams}, everything measured unchanged. */
    public BenchmarkResult withIdentity(String newName, Map<String, String> newParams) {
        return new BenchmarkResult(newName, kind, mode, newParams, status, error, metrics, load);
    }

    /** The metric called {@code metricName}, if measured. */
    public Optional<Metric> metric(String metricName) {
        return metrics.stream().filter(m -> m.name().equals(metricName)).findFirst();
    }

    /** Name plus parameters, e.g. {@code Bench.hit(size=100)}; with {@code Mode.All} one name has several modes. */
    public String displayName() {
        return displayName(name, params);
    }

    /**
     * What identifies a benchmark within a run and pairs it across runs: kind, name, parameters and JMH mode
     * (a benchmark run in several modes is several benchmarks).
     */
    public String key() {
        return kind + "\u0000" + displayName() + "\u0000" + (mode == null ? "" : mode);
    }

    /** {@code name(k1=v1, k2=v2)} with parameters sorted by key; just {@code name} without parameters. */
    public static String displayName(String name, Map<String, String> params) {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        String separator = "";
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            sb.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = ", ";
        }
        return sb.append(')').toString();
    }
}
