package dev.perf.run;

import dev.perf.bench.JmhJob;
import dev.perf.load.LoadPlan;
import java.util.List;

/** One planned step of a run: a JMH job or a load loop. */
sealed interface Step {
    /** Progress units this step plans: JMH iterations, or seconds of a load loop. */
    long plannedUnits();

    /** JMH benchmarks of one suite entry (this shard's share). */
    record Jmh(JmhJob job) implements Step {
        @Override
        public long plannedUnits() {
            return job.plannedIterations();
        }
    }

    /** Load loops run at the same time; the progress counts each loop's seconds. */
    record Parallel(List<LoadPlan> plans) implements Step {
        @Override
        public long plannedUnits() {
            return plans.stream().mapToLong(p -> new Load(p).plannedUnits()).sum();
        }
    }

    /** One load loop. */
    record Load(LoadPlan plan) implements Step {
        @Override
        public long plannedUnits() {
            return (plan.durationNanos() + 999_999_999L) / 1_000_000_000L;
        }
    }
}
