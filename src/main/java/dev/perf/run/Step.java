package dev.perf.run;

import dev.perf.bench.JmhJob;
import dev.perf.load.LoadPlan;

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

    /** One load loop. */
    record Load(LoadPlan plan) implements Step {
        @Override
        public long plannedUnits() {
            return (plan.durationNanos() + 999_999_999L) / 1_000_000_000L;
        }
    }
}
