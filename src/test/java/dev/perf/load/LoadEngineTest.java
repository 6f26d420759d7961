package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.perf.load.drive.Drain;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.PerfException;
import dev.perf.suite.ExecTarget;
import dev.perf.suite.JavaTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.SuiteSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class LoadEngineTest {
    /** A suite source for plans built by hand; its path is the working directory. */
    static final SuiteSource SOURCE = new SuiteSource(
            new dev.perf.suite.Suite(
                    "t",
                    null,
                    null,
                    List.of(new dev.perf.suite.BenchmarkEntry(
                            new dev.perf.suite.JmhSpec("x", null, null, null, null), null))),
            "test",
            Path.of("."));

    /**
     * The SLO verdicts expected when the generator kept up; of a run the machine made generator-bound (a stall,
     * a saturated CPU on a busy CI runner) each verdict must be the expected one where what the bound cannot have
     * changed holds it ({@link dev.perf.result.GeneratorBound}), inconclusive otherwise — never another.
     */
    static void assertVerdicts(LoadDetails d, Map<String, String> expected) {
        for (LoadDetails.TargetVerdict t : d.targets()) {
            String want = expected.get(t.metric());
            if (d.generatorBound()) {
                assertThat(t.status())
                        .as(t.metric() + " (" + d.generatorBoundReason() + ")")
                        .isIn(want, "inconclusive");
            } else {
                assertThat(t.status()).as(t.metric()).isEqualTo(want);
            }
        }
        assertThat(d.targets()).hasSize(expected.size());
    }

    /** Stalls once for 1 s at the first call after 2 s of the run; every other call returns at once. */
    public static final class StallOnce implements Workload {
        private final AtomicLong first = new AtomicLong();
        private volatile boolean stalled;

        @Override
        public void call() throws InterruptedException {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            if (!stalled && now - first.get() >= 2_000_000_000L) {
                stalled = true;
                Thread.sleep(1000);
            }
        }
    }

    /** Throws on every third call. */
    public static final class Flaky implements Workload {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public void call() {
            if (calls.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("flaky");
            }
        }
    }

    /** Not a workload. */
    public static final class NotAWorkload {}

    /** Never returns (until the JVM ends: its threads are daemons). */
    public static final class Hangs implements Workload {
        @Override
        public void call() throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static LoadSpec spec(
            String name, String clazz, LoadSpec.Pattern pattern, Map<String, LoadSpec.Slo> targets) {
        return new LoadSpec(
                name, new LoadTarget(new JavaTarget(clazz, null, Map.of()), null, null), pattern, null, targets);
    }

    private static LoadSpec.Pattern rate(String rate, Duration duration, int maxInFlight) {
        return Patterns.open(rate, duration, Duration.ZERO, maxInFlight, null);
    }

    @Test
    void coordinatedOmission_aOneSecondStallShowsInResponseTimeAsTheAnalyticDistribution() {
        // 200/s for 4 s on one worker; the stall at 2 s delays the 200 operations scheduled during it by
        // 1 s down to 0: response-time percentile q (q >= 75) is (q - 75) / 25 s, service time stays ~0.
        LoadPlan plan = LoadPlan.of(
                spec("co", StallOnce.class.getName(), rate("200/s", Duration.ofSeconds(4), 1), Map.of()),
                new Profile.LoadDefaults(null, Duration.ZERO),
                SOURCE);
        BenchmarkResult r = new LoadEngine().run(plan, LoadListener.NONE);
        LoadDetails d = r.load();
        Histogram response =
                dev.perf.result.HistogramCodec.decode(d.histograms().response());
        Histogram service = dev.perf.result.HistogramCodec.decode(d.histograms().service());
        assertThat(d.counters().scheduled()).isEqualTo(800);
        // HotSpot tells the JVM's allocation: the harness allocates a little per operation, never nothing
        assertThat(d.overall().get("allocBytesPerOp")).isFinite().isPositive();
        // the stall as it really lasted (a 1 s sleep takes 1.02 s beside two CPU hogs): the operations scheduled in
        // it wait S down to 0, so percentile q is S - 4 s × (1 - q/100); and no more than perf's own waits for a
        // CPU on top (generator.addedAtMostMs, 0 when it did not wait)
        double stall = service.getMaxValue() / 1e9;
        double perf = d.overall().getOrDefault(dev.perf.result.GeneratorBound.ADDED_AT_MOST, 0.0) / 1e3;
        for (double q : new double[] {80, 90, 95, 99}) {
            double expectedSeconds = (q - 75) / 25;
            double actualStall = stall - 4 * (1 - q / 100);
            assertThat(response.getValueAtPercentile(q) / 1e9)
                    .as("p%s, stall %.3f s, perf's waits %.3f s", q, stall, perf)
                    .isBetween(0.95 * expectedSeconds - 0.01, 1.05 * actualStall + 0.01 + perf);
        }
        assertThat(response.getMaxValue() / 1e9).isCloseTo(1.0, offset(0.05));
        assertThat(service.getMaxValue() / 1e9).as("the stall itself").isCloseTo(1.0, offset(0.05));
        assertThat(service.getValueAtPercentile(99) / 1e9)
                .as("service time shows the stall only in its maximum")
                .isLessThan(0.01);
    }

    /** A target of 2 slots of 10 ms: it carries about 200 operations a second. */
    public static final class TwoHundredPerSecond implements Workload {
        private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(2);

        @Override
        public void call() throws InterruptedException {
            slots.acquire();
            try {
                Thread.sleep(10);
            } finally {
                slots.release();
            }
        }
    }

    @Test
    void aTargetThatCannotKeepUp_throughputIsWhatItCarried_theOverrunIsShown_andTheThroughputSloFails() {
        // 1000/s asked for 1 s of a target that carries ~200/s: the backlog drains for about 4 s past the schedule
        // (the 10 s timeout lets it); dividing 1000 completions by the 1 s schedule would say 1000/s
        LoadPlan plan = LoadPlan.of(
                spec(
                        "backlog",
                        TwoHundredPerSecond.class.getName(),
                        Patterns.open("1000/s", Duration.ofSeconds(1), Duration.ZERO, 64, Duration.ofSeconds(10)),
                        Map.of("throughput", new LoadSpec.Slo("900/s", null, null, null))),
                new Profile.LoadDefaults(null, Duration.ZERO),
                SOURCE);
        BenchmarkResult r = new LoadEngine().run(plan, LoadListener.NONE);
        LoadDetails d = r.load();
        assertThat(d.counters().ok()).isEqualTo(1000);
        assertThat(d.overall().get("overrun")).as("seconds past the schedule").isGreaterThan(2.5);
        assertThat(d.overall().get("throughput")).isBetween(120.0, 260.0);
        // never a pass: it fails on the carried rate (or is inconclusive when a JVM pause made the run bound)
        assertThat(d.targets()).anySatisfy(t -> {
            assertThat(t.metric()).isEqualTo("throughput");
            assertThat(t.status()).isEqualTo(d.generatorBound() ? "inconclusive" : "fail");
        });
        // the whole-run figure and the per-second series agree: the series carries the overrun seconds too
        double seriesSum = d.timeSeries().stream()
                .mapToDouble(LoadDetails.Second::ratePerSec)
                .sum();
        assertThat(seriesSum).isLessThanOrEqualTo(1000);
        assertThat(d.timeSeries().size()).isGreaterThan(3);
    }

    @Test
    void errors_areCountedAndTheCountersAddUp() {
        LoadPlan plan = LoadPlan.of(
                spec(
                        "flaky",
                        Flaky.class.getName(),
                        rate("300/s", Duration.ofSeconds(1), 2),
                        Map.of("errorRate", new LoadSpec.Slo(null, "1%"), "p99", new LoadSpec.Slo("1s", null))),
                new Profile.LoadDefaults(null, Duration.ZERO),
                SOURCE);
        BenchmarkResult r = new LoadEngine().run(plan, LoadListener.NONE);
        LoadDetails.Counters c = r.load().counters();
        assertThat(c.scheduled()).isEqualTo(300);
        assertThat(c.errors()).isEqualTo(100);
        assertThat(c.ok()).isEqualTo(200);
        assertThat(r.load().overall().get("errorRate")).isCloseTo(33.33, offset(0.01));
        assertVerdicts(r.load(), Map.of("errorRate", "fail", "p99", "pass"));
    }

    @Test
    void closedModel_runsUsersBackToBack() {
        LoadSpec.Pattern users = Patterns.closed(2, Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(10), null);
        LoadPlan plan = LoadPlan.of(
                spec("closed", Flaky.class.getName(), users, Map.of()), new Profile.LoadDefaults(null, null), SOURCE);
        BenchmarkResult r = new LoadEngine().run(plan, LoadListener.NONE);
        assertThat(r.load().model()).isEqualTo("closed");
        assertThat(r.load().counters().sent()).isBetween(40L, 110L); // 2 users, ~10 ms think time, 0.5 s
        assertThat(Double.isNaN(r.load().targetRatePerSec())).isTrue();
    }

    @Test
    void unknownOrWrongClasses_areBadInputNamingThem() {
        assertThatThrownBy(() -> LoadPlan.of(
                        spec("x", "com.acme.Missing", rate("1/s", Duration.ofSeconds(1), 1), Map.of()),
                        new Profile.LoadDefaults(null, null),
                        SOURCE))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("unknown Workload class com.acme.Missing");
        assertThatThrownBy(() -> LoadPlan.of(
                        spec("x", NotAWorkload.class.getName(), rate("1/s", Duration.ofSeconds(1), 1), Map.of()),
                        new Profile.LoadDefaults(null, null),
                        SOURCE))
                .hasMessageContaining("does not implement dev.perf.load.Workload");
    }

    @Test
    void recorders_mergedAreBucketIdenticalToOneRecorder() {
        Random random = new Random(99);
        long[] values = random.longs(20_000, 1_000, 5_000_000_000L).toArray();
        Recorder one = new Recorder(3);
        Recorder[] shards = {new Recorder(3), new Recorder(3), new Recorder(3), new Recorder(3)};
        for (int i = 0; i < values.length; i++) {
            one.recordValue(values[i]);
            shards[i % shards.length].recordValue(values[i]);
        }
        Histogram merged = new Histogram(3);
        for (Recorder r : shards) {
            merged.add(r.getIntervalHistogram());
        }
        Histogram whole = one.getIntervalHistogram();
        assertThat(buckets(merged)).isEqualTo(buckets(whole)).hasSizeGreaterThan(1000);
        assertThat(merged.getTotalCount()).isEqualTo(values.length);
    }

    private static List<String> buckets(Histogram h) {
        List<String> out = new java.util.ArrayList<>();
        h.recordedValues().forEach(v -> out.add(v.getValueIteratedTo() + "x" + v.getCountAtValueIteratedTo()));
        return out;
    }

    @Test
    void histogramEncoding_roundTrips() {
        Histogram h = new Histogram(3);
        h.recordValue(123_456);
        h.recordValue(7);
        assertThat(dev.perf.result.HistogramCodec.decode(dev.perf.result.HistogramCodec.encode(h)))
                .isEqualTo(h);
    }

    @Test
    void execTarget_runsTheCommandPerOperationAndCountsNonZeroExitsAsErrors() {
        LoadSpec ok = new LoadSpec(
                "exec-ok",
                new LoadTarget(null, new ExecTarget(List.of("true")), null),
                rate("20/s", Duration.ofSeconds(1), 2),
                null,
                Map.of());
        BenchmarkResult r = new LoadEngine()
                .run(LoadPlan.of(ok, new Profile.LoadDefaults(null, Duration.ZERO), SOURCE), LoadListener.NONE);
        assertThat(r.load().counters().ok()).isEqualTo(20);
        assertThat(r.load().target()).isEqualTo("exec:true");
        assertThat(r.load().host()).isNotEmpty().allSatisfy(h -> assertThat(h.perfRssBytes())
                .isPositive());
        LoadSpec failing = new LoadSpec(
                "exec-fail",
                new LoadTarget(null, new ExecTarget(List.of("false")), null),
                rate("10/s", Duration.ofSeconds(1), 2),
                null,
                Map.of());
        BenchmarkResult f = new LoadEngine()
                .run(LoadPlan.of(failing, new Profile.LoadDefaults(null, Duration.ZERO), SOURCE), LoadListener.NONE);
        assertThat(f.status()).isEqualTo(BenchmarkResult.Status.failed);
        assertThat(f.error()).contains("exited with status 1");
        assertThat(f.load().counters().errors()).isEqualTo(10);
    }

    @Test
    void aCallThatNeverReturns_endsTheLoopWithinTheDrainBound_countedInFlight() {
        // 10/s for 1 s on 2 workers, timeout 200 ms: both hang on their first call; the loop ends about 1.2 s
        // after the last intended start instead of never
        LoadPlan plan = LoadPlan.of(
                spec(
                        "hangs",
                        Hangs.class.getName(),
                        Patterns.open("10/s", Duration.ofSeconds(1), Duration.ZERO, 2, Duration.ofMillis(200)),
                        Map.of()),
                new Profile.LoadDefaults(null, Duration.ZERO),
                SOURCE);
        long started = System.nanoTime();
        BenchmarkResult r = new LoadEngine().run(plan, LoadListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).isLessThan(1 + 0.2 + Drain.SLACK_NANOS / 1e9 + 2); // 2 s for OSHI's start and a busy CI
        LoadDetails.Counters c = r.load().counters();
        assertThat(c.inFlightAtEnd()).isEqualTo(2);
        assertThat(c.sent()).isEqualTo(2);
        // the other 8 came due while both workers hung: dropped, so the schedule's 10 are all accounted for
        assertThat(c.dropped()).isEqualTo(8);
        assertThat(c.scheduled()).isEqualTo(10);
    }

    /** A listener that keeps the notes it is told. */
    private static final class Notes implements LoadListener {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void note(String loop, String line) {
            lines.add(line);
        }
    }

    private static LoadPlan aligned(Duration warmup) {
        return LoadPlan.of(
                spec(
                        "aligned",
                        Flaky.class.getName(),
                        Patterns.open("100/s", Duration.ofSeconds(1), warmup, 2, null),
                        Map.of()),
                new Profile.LoadDefaults(null, null),
                SOURCE);
    }

    @Test
    void startNextLoopAt_setsUpBeforeTheInstant_measuresFromIt_andSamplesNothingOfTheWait() {
        LoadEngine engine = new LoadEngine();
        Instant at = Instant.now().plusMillis(2500);
        engine.startNextLoopAt(at);
        Notes notes = new Notes();
        LoadDetails d = engine.run(aligned(Duration.ZERO), notes).load();
        assertThat(d.startedAt()).isAfterOrEqualTo(at);
        assertThat(notes.lines).isEmpty();
        assertThat(d.counters().scheduled()).isEqualTo(100);
        // one second measured: its sample and the final partial one's, none of the 2.5 s of waiting
        assertThat(d.host()).hasSizeLessThanOrEqualTo(2);
        assertThat(d.host()).allMatch(h -> h.second() <= 2);
        // the instant is used once: the next loop starts as soon as it is set up
        Instant before = Instant.now();
        LoadDetails next = engine.run(aligned(Duration.ZERO), notes).load();
        assertThat(Duration.between(before, next.startedAt())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void startNextLoopAt_withAWarmUp_startsTheWarmUpAtTheInstant_andTheMeasurementAfterIt() {
        LoadEngine engine = new LoadEngine();
        Instant at = Instant.now().plusMillis(2000);
        engine.startNextLoopAt(at);
        Notes notes = new Notes();
        LoadDetails d = engine.run(aligned(Duration.ofMillis(500)), notes).load();
        assertThat(d.startedAt()).isAfterOrEqualTo(at.plusMillis(500).plus(LoadEngine.AFTER_WARM_UP));
        assertThat(d.counters().scheduled()).isEqualTo(100);
    }

    @Test
    void startNextLoopAt_anInstantAlreadyPast_startsAtOnce_andSaysHowLate() {
        LoadEngine engine = new LoadEngine();
        Instant at = Instant.now().minusMillis(300);
        engine.startNextLoopAt(at);
        Notes notes = new Notes();
        LoadDetails d = engine.run(aligned(Duration.ZERO), notes).load();
        assertThat(d.counters().scheduled()).isEqualTo(100);
        assertThat(notes.lines)
                .singleElement()
                .asString()
                .matches("measurement started \\d+ ms after " + java.util.regex.Pattern.quote(at.toString())
                        + " \\(--start-at\\): its set-up took longer; out of step with shards that were ready");
        long late = Long.parseLong(notes.lines.get(0).split(" ")[2]);
        assertThat(late).isGreaterThanOrEqualTo(300);
    }
}
