package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.load.drive.Operations;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.suite.JavaTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class MixAndKneeTest {
    private static LoadTarget java(Class<?> type) {
        return new LoadTarget(new JavaTarget(type.getName(), null, Map.of()), null, null);
    }

    private static LoadSpec.Pattern rate(String rate, Duration duration, int maxInFlight) {
        return Patterns.open(rate, duration, Duration.ZERO, maxInFlight, null);
    }

    @Test
    void table_interleavesByWeight_andEveryPeriodHoldsEachWeight() {
        assertThat(Operations.table(new int[] {3, 1})).containsExactly(0, 0, 1, 0);
        assertThat(Operations.table(new int[] {40, 60})).containsExactly(1, 0, 1, 0, 1);
        int[] t = Operations.table(new int[] {5, 3, 2});
        assertThat(t).hasSize(10);
        assertThat(java.util.Arrays.stream(t).filter(x -> x == 0).count()).isEqualTo(5);
        assertThat(java.util.Arrays.stream(t).filter(x -> x == 1).count()).isEqualTo(3);
        assertThatThrownBy(() -> Operations.table(new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mix_countsEachOperationByItsWeight_andReportsThemApartAndInTotal() {
        LoadSpec spec = new LoadSpec(
                "mixed",
                null,
                List.of(
                        new LoadSpec.MixEntry("read", 3, java(NoopWorkload.class)),
                        new LoadSpec.MixEntry("write", 1, java(LoadEngineTest.Flaky.class))),
                rate("400/s", Duration.ofSeconds(1), 4),
                null,
                Map.of(),
                null);
        LoadPlan plan = LoadPlan.of(spec, Profile.QUICK.load(), LoadEngineTest.SOURCE);
        List<BenchmarkResult> results = new LoadEngine().runAll(plan, LoadListener.NONE);
        assertThat(results).extracting(BenchmarkResult::name).containsExactly("mixed", "mixed/read", "mixed/write");
        LoadDetails.Counters total = results.get(0).load().counters();
        LoadDetails.Counters read = results.get(1).load().counters();
        LoadDetails.Counters write = results.get(2).load().counters();
        assertThat(total.scheduled()).isEqualTo(400);
        assertThat(read.scheduled()).isEqualTo(300);
        assertThat(write.scheduled()).isEqualTo(100);
        assertThat(read.errors()).isZero();
        assertThat(write.errors()).isEqualTo(total.errors()).isPositive();
        assertThat(results.get(0).load().target()).isEqualTo("mix:read=3,write=1");
        assertThat(results.get(1).load().targetRatePerSec()).isEqualTo(300.0);
    }

    @Test
    void mix_withAsyncAndSyncEntries_runsBoth() {
        LoadSpec spec = new LoadSpec(
                "both",
                null,
                List.of(
                        new LoadSpec.MixEntry("sync", 1, java(NoopWorkload.class)),
                        new LoadSpec.MixEntry("async", 1, java(AsyncNoop.class))),
                rate("200/s", Duration.ofSeconds(1), 4),
                null,
                Map.of(),
                null);
        List<BenchmarkResult> results = new LoadEngine()
                .runAll(LoadPlan.of(spec, Profile.QUICK.load(), LoadEngineTest.SOURCE), LoadListener.NONE);
        assertThat(results.get(1).load().counters().ok()).isEqualTo(100);
        assertThat(results.get(2).load().counters().ok()).isEqualTo(100);
    }

    /** Completes at once, asynchronously. */
    public static final class AsyncNoop implements Workload {
        @Override
        public void call() {}

        @Override
        public boolean async() {
            return true;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> callAsync() {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /**
     * A server with 10 slots of 100 ms each: about 100 operations per second, then queueing. Slow and few on
     * purpose: the search's rates stay low and its latencies long, so that neither perf's own CPU nor a
     * neighbour on a busy 2-core machine makes a step generator-bound (a step that is ends the search without a
     * knee, which is right, but is not what this test is about).
     */
    public static final class TenSlots implements Workload {
        private final Semaphore slots = new Semaphore(10);

        @Override
        public void call() throws InterruptedException {
            slots.acquire();
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } finally {
                slots.release();
            }
        }
    }

    @Test
    void findMaxRate_onTheRealEngine_findsTheKneeOrSaysTheGeneratorWasTheLimit() {
        LoadSpec spec = new LoadSpec(
                "knee",
                java(TenSlots.class),
                null,
                Patterns.open(null, null, Duration.ZERO, 64, null),
                null,
                Map.of(),
                new LoadSpec.FindMaxRate("10/s", "640/s", Duration.ofSeconds(1), Map.of("p99", "250ms"), 8));
        BenchmarkResult r =
                new LoadEngine().run(LoadPlan.of(spec, Profile.QUICK.load(), LoadEngineTest.SOURCE), LoadListener.NONE);
        List<LoadDetails.RateStep> curve = r.load().curve();
        assertThat(curve.get(0).ratePerSec()).isEqualTo(10);
        if (r.load().generatorBound()) {
            // a busy machine can stall perf's JVM for a step: then there is no knee, and the result says why
            // (the search itself is decided on simulated targets in KneeSearchTest, with no clock)
            assertThat(r.metric("maxRate")).isEmpty();
            assertThat(r.load().generatorBoundReason()).contains("findMaxRate stopped at");
            return;
        }
        assertThat(curve.get(1).ratePerSec()).isEqualTo(20);
        assertThat(curve.size()).isBetween(3, 8);
        assertThat(curve).anyMatch(LoadDetails.RateStep::meetsSlo);
        assertThat(curve).anyMatch(s -> !s.meetsSlo());
        double maxRate = r.metric("maxRate").orElseThrow().summary().mean();
        // capacity is about 100/s; a 1 s step absorbs a little more in its queue (110/s: 10 waiting by its end,
        // p99 ~200 ms), while at 150/s the wait passes the 250 ms SLO: the knee is between
        assertThat(maxRate).isBetween(10.0, 150.0);
        double firstFail = curve.stream()
                .filter(s -> !s.meetsSlo())
                .mapToDouble(LoadDetails.RateStep::ratePerSec)
                .min()
                .orElseThrow();
        assertThat(maxRate).isLessThan(firstFail);
    }

    @Test
    void findMaxRate_rejectsARateShapeBesideIt() {
        assertThatThrownBy(() -> new LoadSpec(
                        "k",
                        java(TenSlots.class),
                        null,
                        rate("10/s", Duration.ofSeconds(1), 1),
                        null,
                        Map.of(),
                        new LoadSpec.FindMaxRate("1/s", "2/s", Duration.ofSeconds(1), Map.of("p99", "1ms"), null)))
                .hasMessageContaining("findMaxRate sets the rates itself");
    }
}
