package dev.perf.run;

import dev.perf.bench.JmhEngine;
import dev.perf.bench.JmhJob;
import dev.perf.bench.JmhListener;
import dev.perf.result.BenchmarkResult;
import dev.perf.suite.JmhOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the forks of a JMH job in rounds: round r runs one fork of every benchmark of the job, so that a
 * benchmark's F forks are spread over the whole job instead of back to back. On a shared machine the
 * background load drifts over tens of seconds; back-to-back forks all see the same moment, which makes them
 * look like agreeing replicates of a shifted value (a false regression). Spread over the run, a slow moment
 * costs one fork of several benchmarks, which the rank test absorbs. The same idea as interleaving {@code go
 * test -count} runs for benchstat. Not thread-safe: one run at a time.
 */
final class ForkRounds {
    private ForkRounds() {}

    /**
     * The results of {@code job} with its forks interleaved across its benchmarks, one list per round (merge
     * them by benchmark key). A job with at most one fork runs as it is. A benchmark that fails in a round is
     * not run again; its failure is what the merged result keeps. {@code listener} is told each round.
     */
    static List<List<BenchmarkResult>> run(JmhEngine engine, JmhJob job, JmhListener listener) {
        Integer forks = job.options().forks();
        if (forks == null || forks <= 1 || job.benchmarks().size() <= 1) {
            return List.of(engine.run(job));
        }
        JmhJob oneFork =
                job.withOptions(job.options().overlay(new JmhOptions(1, null, null, null, null, null, null, null)));
        Set<String> remaining = new LinkedHashSet<>(job.benchmarks());
        List<List<BenchmarkResult>> rounds = new ArrayList<>();
        Map<String, BenchmarkResult> failed = new LinkedHashMap<>();
        for (int r = 0; r < forks && !remaining.isEmpty(); r++) {
            listener.round(r + 1, forks);
            List<BenchmarkResult> round;
            try {
                round = engine.run(oneFork.withBenchmarks(List.copyOf(remaining)));
            } finally {
                listener.round(1, 1);
            }
            List<BenchmarkResult> kept = new ArrayList<>();
            for (BenchmarkResult b : round) {
                if (b.status() == BenchmarkResult.Status.failed) {
                    failed.putIfAbsent(b.key(), b);
                    remaining.remove(b.name());
                } else {
                    kept.add(b);
                }
            }
            rounds.add(kept);
        }
        // a failure in any round is the benchmark's result: a fork that crashes once is a failing benchmark
        List<List<BenchmarkResult>> out = new ArrayList<>();
        for (List<BenchmarkResult> round : rounds) {
            out.add(round.stream().filter(b -> !failed.containsKey(b.key())).toList());
        }
        out.add(List.copyOf(failed.values()));
        return out;
    }
}
