package dev.perf.load;

import dev.perf.load.http.HttpWorkload;
import dev.perf.load.scenario.ScenarioWorkload;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.PerfException;
import dev.perf.suite.LoadSpec;
import java.util.List;
import java.util.Map;

/** Creates the workloads of a plan (HTTP, command or a user's Java class) and tears them down. */
final class Workloads {
    private Workloads() {}

    static Workload instantiate(LoadPlan plan, LoadPlan.Operation op) {
        LoadSpec.Pattern p = plan.spec().load();
        if (op.http() != null) {
            return new HttpWorkload(op.http());
        }
        if (op.scenario() != null) {
            return new ScenarioWorkload(op.scenario());
        }
        if (op.target().exec() != null) {
            return new ExecWorkload(
                    op.target().exec().command(),
                    plan.baseDir(),
                    p.timeout() == null ? 10_000_000_000L : p.timeout().toNanos());
        }
        try {
            return op.workloadClass().getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw PerfException.badInput("load " + plan.spec().name() + ": cannot create "
                    + op.workloadClass().getName() + ": " + e);
        }
    }

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
