package dev.perf.run;

import dev.perf.load.LoadPlan;
import dev.perf.result.BenchmarkResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Load loops run at the same time ({@code parallel:}): each on a thread of its own, with its own model, event
 * loops and recorders, started together; their results in the suite's order once every one has ended.
 */
final class ParallelLoops {
    private ParallelLoops() {}

    /**
     * Runs {@code loop} for every plan of {@code plans} at once; their results, in order. The first failure of
     * a loop is thrown once all have ended (a loop that fails does not stop the others: each keeps its results
     * apart, and an interrupt stops them all through the engine).
     */
    static List<BenchmarkResult> run(List<LoadPlan> plans, Function<LoadPlan, List<BenchmarkResult>> loop) {
        List<CompletableFuture<List<BenchmarkResult>>> running = new ArrayList<>();
        for (LoadPlan plan : plans) {
            CompletableFuture<List<BenchmarkResult>> f = new CompletableFuture<>();
            Thread t = new Thread(
                    () -> {
                        try {
                            f.complete(loop.apply(plan));
                        } catch (RuntimeException | Error e) {
                            f.completeExceptionally(e);
                        }
                    },
                    "perf-parallel-" + plan.spec().name());
            t.setDaemon(true);
            t.start();
            running.add(f);
        }
        List<BenchmarkResult> out = new ArrayList<>();
        Throwable first = null;
        for (CompletableFuture<List<BenchmarkResult>> f : running) {
            try {
                out.addAll(f.join());
            } catch (CompletionException e) {
                first = first == null ? e.getCause() : first;
            }
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
        return out;
    }
}
