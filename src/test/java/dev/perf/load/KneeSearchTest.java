package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.suite.LoadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@code findMaxRate}'s search on simulated targets, so that no wall clock or busy machine decides it: a
 * target of known capacity (p99 flat below it, queueing above), the search doubling from its start, then
 * bisecting to within 5 % of the knee; a step the generator could not carry ends the search without a knee.
 */
class KneeSearchTest {
    private static final String EMPTY = HistogramCodec.encode(new Histogram(3));

    /** One step's result at {@code rate} against a target that carries {@code capacity} per second. */
    private static BenchmarkResult step(double rate, double capacity, boolean generatorBound) {
        return step(rate, capacity, generatorBound, false);
    }

    /**
     * The same; a bound step {@code delivered} sent its whole schedule (perf only waited), otherwise it dropped a
     * fifth of it.
     */
    private static BenchmarkResult step(double rate, double capacity, boolean generatorBound, boolean delivered) {
        Map<String, Double> overall = new LinkedHashMap<>();
        overall.put("throughput", Math.min(rate, capacity));
        // below capacity the service time; above it every response queues behind the backlog
        overall.put("p99", rate <= capacity ? 100.0 : 100.0 + 1000 * (rate / capacity - 1));
        overall.put("errorRate", 0.0);
        long n = (long) rate;
        LoadDetails d = new LoadDetails(
                "open",
                "sim",
                rate,
                1_000_000_000L,
                0,
                generatorBound && !delivered
                        ? new LoadDetails.Counters(n, n - n / 5, n / 5, n - n / 5, 0, 0, 0, 0, 0, Map.of(), null)
                        : new LoadDetails.Counters(n, n, 0, n, 0, 0, 0, 0, 0, Map.of(), null),
                overall,
                "per-second windows",
                List.of(),
                new LoadDetails.Histograms(EMPTY, EMPTY, EMPTY),
                List.of(),
                List.of(),
                generatorBound,
                generatorBound ? "the JVM stalled for 286 ms (GC or the machine)" : null,
                Instant.EPOCH,
                List.of(),
                null,
                List.of(),
                null,
                List.of());
        return new BenchmarkResult("knee", "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    private static LoadPlan.Search search(String from, String to, int steps) {
        return LoadPlan.Search.of(
                new LoadSpec.FindMaxRate(from, to, Duration.ofSeconds(1), Map.of("p99", "250ms"), steps));
    }

    @Test
    void doublesThenBisects_toWithinFivePercentOfTheKnee_forEveryCapacity() {
        for (double capacity : new double[] {15, 97, 100, 333, 1000, 2500}) {
            List<Double> asked = new ArrayList<>();
            BenchmarkResult r = KneeSearch.search(
                    search("10/s", "6400/s", 20),
                    rate -> {
                        asked.add(rate);
                        return step(rate, capacity, false);
                    },
                    () -> false);
            List<LoadDetails.RateStep> curve = r.load().curve();
            assertThat(asked.get(0)).isEqualTo(10);
            assertThat(curve).extracting(LoadDetails.RateStep::ratePerSec).containsExactlyElementsOf(asked);
            // doubling until the first failure, then bisection
            int firstFail = 0;
            while (curve.get(firstFail).meetsSlo()) {
                assertThat(curve.get(firstFail).ratePerSec()).isEqualTo(10 * Math.pow(2, firstFail));
                firstFail++;
            }
            double maxRate = r.metric("maxRate").orElseThrow().summary().mean();
            double lowestFail = curve.stream()
                    .filter(s -> !s.meetsSlo())
                    .mapToDouble(LoadDetails.RateStep::ratePerSec)
                    .min()
                    .orElseThrow();
            assertThat(maxRate).as("capacity %s", capacity).isLessThanOrEqualTo(capacity);
            assertThat(maxRate).isLessThan(lowestFail);
            // within 5 %, or adjacent whole rates (15/s and 16/s): no rate is measured twice
            assertThat(lowestFail - maxRate)
                    .as("capacity %s", capacity)
                    .isLessThanOrEqualTo(Math.max(0.05 * maxRate, 1));
            assertThat(asked).as("capacity %s", capacity).doesNotHaveDuplicates();
            assertThat(r.load().generatorBound()).isFalse();
        }
    }

    @Test
    void aStepTheGeneratorCouldNotCarry_endsTheSearchWithoutAKnee_sayingWhy() {
        BenchmarkResult r =
                KneeSearch.search(search("10/s", "6400/s", 20), rate -> step(rate, 1000, rate >= 160), () -> false);
        assertThat(r.metric("maxRate")).isEmpty();
        assertThat(r.load().generatorBound()).isTrue();
        assertThat(r.load().generatorBoundReason())
                .contains("findMaxRate stopped at 160/s")
                .contains("the target met the SLO up to 80/s at least");
        assertThat(r.load().curve()).hasSize(5);
    }

    /**
     * A step perf sent in full while waiting for a CPU that met the SLO met it: its delays only add to what it
     * measured. The search goes on to the knee (a busy CI machine still finds it); a bound step that missed stops it.
     */
    @Test
    void aBoundStepSentInFullThatMetTheSlo_countsAsMet_andTheSearchGoesOn() {
        BenchmarkResult r = KneeSearch.search(
                search("10/s", "6400/s", 20), rate -> step(rate, 1000, rate <= 160, true), () -> false);
        assertThat(r.metric("maxRate")).isPresent();
        assertThat(r.metric("maxRate").orElseThrow().summary().mean()).isBetween(950.0, 1000.0);
        BenchmarkResult missed = KneeSearch.search(
                search("10/s", "6400/s", 20), rate -> step(rate, 100, rate >= 160, true), () -> false);
        assertThat(missed.metric("maxRate")).isEmpty();
        assertThat(missed.load().generatorBoundReason()).contains("findMaxRate stopped at 160/s");
    }

    @Test
    void aTargetThatMeetsTheSloEverywhere_stopsAtTheTopRate() {
        BenchmarkResult r = KneeSearch.search(search("10/s", "640/s", 20), rate -> step(rate, 1e9, false), () -> false);
        assertThat(r.load().curve())
                .extracting(LoadDetails.RateStep::ratePerSec)
                .containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 640.0);
        assertThat(r.metric("maxRate").orElseThrow().summary().mean()).isEqualTo(640);
    }

    @Test
    void theStepBudget_boundsTheSearch() {
        BenchmarkResult r =
                KneeSearch.search(search("10/s", "6400/s", 3), rate -> step(rate, 1000, false), () -> false);
        assertThat(r.load().curve()).hasSize(3);
    }
}
