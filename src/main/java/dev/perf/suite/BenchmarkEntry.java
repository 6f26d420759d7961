package dev.perf.suite;

import java.util.List;

/**
 * One item of a suite's {@code benchmarks:} list. Exactly one kind is set. Immutable.
 *
 * @param jmh JMH microbenchmarks
 * @param load a load loop
 * @param parallel load loops run at the same time, each with its own model and results
 */
public record BenchmarkEntry(JmhSpec jmh, LoadSpec load, List<BenchmarkEntry> parallel) {
    /** An entry of one of the first two kinds. */
    public BenchmarkEntry(JmhSpec jmh, LoadSpec load) {
        this(jmh, load, null);
    }

    public BenchmarkEntry {
        int kinds = (jmh != null ? 1 : 0) + (load != null ? 1 : 0) + (parallel != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a benchmarks entry needs exactly one kind: jmh: { include: ... },"
                    + " load: { name: ..., target: ... } or parallel: [ { load: ... }, { load: ... } ]");
        }
        if (parallel != null) {
            if (parallel.isEmpty()) {
                throw new IllegalArgumentException(
                        "parallel is empty: list the load loops to run at once, e.g. - load: { name: ... }");
            }
            for (int i = 0; i < parallel.size(); i++) {
                BenchmarkEntry e = parallel.get(i);
                if (e == null || e.load() == null) {
                    throw new IllegalArgumentException("parallel[" + i + "] is not a load loop: only load: entries"
                            + " run at the same time (JMH benchmarks run alone, and parallel: does not nest)");
                }
            }
            parallel = List.copyOf(parallel);
        }
    }

    /** The load loops of this entry: its own, the ones it runs in parallel, or none. */
    public List<LoadSpec> loads() {
        if (load != null) {
            return List.of(load);
        }
        return parallel == null
                ? List.of()
                : parallel.stream().map(BenchmarkEntry::load).toList();
    }
}
