package dev.perf.suite;

/**
 * One item of a suite's {@code benchmarks:} list. Exactly one kind is set. Immutable.
 *
 * @param jmh JMH microbenchmarks
 * @param load a load loop
 */
public record BenchmarkEntry(JmhSpec jmh, LoadSpec load) {
    public BenchmarkEntry {
        if ((jmh == null) == (load == null)) {
            throw new IllegalArgumentException(
                    "a benchmarks entry needs exactly one kind: jmh: { include: ... } or load: { name: ..., target: ... }");
        }
    }
}
