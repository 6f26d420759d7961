package dev.perf.result;

import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One measured quantity of a benchmark: the unit of everything downstream (compare, report).
 *
 * <p>{@code samples} holds the replicates grouped by where they came from: one inner list per JMH fork
 * (its measurement-iteration scores) or per repeated load run. The {@code summary} is computed over all
 * samples. Immutable.
 *
 * @param name metric name: {@code score} for JMH's primary metric, JMH's own name for secondary ones (e.g.
 *     {@code gc.alloc.rate.norm})
 * @param unit unit as printed by the source, e.g. {@code ns/op}, {@code ops/s}, {@code B/op}
 * @param better which direction is an improvement
 * @param samples replicate values grouped by fork (or repeat)
 * @param summary statistics over all samples
 */
public record Metric(String name, String unit, Better better, List<List<Double>> samples, Summary summary) {
    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(better, "better");
        Objects.requireNonNull(summary, "summary");
        List<List<Double>> copy = new ArrayList<>();
        for (List<Double> group : samples) {
            copy.add(List.copyOf(group));
        }
        samples = List.copyOf(copy);
    }

    /** Builds a metric whose summary (with JMH's 99.9 % interval) is computed from its samples. */
    public static Metric of(String name, String unit, Better better, List<List<Double>> samples) {
        double[] all = samples.stream()
                .flatMap(List::stream)
                .mapToDouble(Double::doubleValue)
                .toArray();
        return new Metric(name, unit, better, samples, Summary.of(all, Summary.JMH_LEVEL));
    }
}
