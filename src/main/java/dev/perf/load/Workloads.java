package dev.perf.load;

import dev.perf.result.BenchmarkResult;
import java.util.List;
import java.util.Map;

/** Tears down the workloads of a plan, and the result of a loop that could not run. */
final class Workloads {
    private Workloads() {}

    static void tearDown(List<Workload> workloads) {
        for (Workload w : workloads) {
            try {
                w.tearDown();
            } catch (Exception ignored) {
                // the measurement is complete; a failing tear-down must not lose it
            }
        }
    }

    static BenchmarkResult failed(LoadPlan plan, String error) {
        return new BenchmarkResult(
                plan.spec().name(), "load", null, Map.of(), BenchmarkResult.Status.failed, error, List.of());
    }
}
