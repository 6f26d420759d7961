package dev.perf.suite;

/**
 * One item of a suite's {@code benchmarks:} list. Exactly one kind is set. Immutable.
 *
 * @param jmh JMH microbenchmarks
 */
public record BenchmarkEntry(JmhSpec jmh) {
    public BenchmarkEntry {
        if (jmh == null) {
            throw new IllegalArgumentException("a benchmarks entry needs a kind: jmh: { include: ... }");
        }
    }
}
