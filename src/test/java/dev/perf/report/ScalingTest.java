package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.RunResult;
import dev.perf.testing.SampleResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scalability curves of a load matrix: the USL fit recovers known parameters, the knee is where scaling stops. */
class ScalingTest {
    private static final double LAMBDA = 1000;
    private static final double SIGMA = 0.05;
    private static final double KAPPA = 0.002;

    private static double usl(double n) {
        return LAMBDA * n / (1 + SIGMA * (n - 1) + KAPPA * n * (n - 1));
    }

    /** A load result of {@code name} with {@code params}, throughput and p99 as given. */
    static BenchmarkResult loop(String name, Map<String, String> params, double throughput, double p99) {
        return loop(name, params, throughput, p99, null, List.of());
    }

    /** The same, its samples being {@code samplesAre} (null: the demo's) with {@code metrics}. */
    static BenchmarkResult loop(
            String name,
            Map<String, String> params,
            double throughput,
            double p99,
            String samplesAre,
            List<Metric> metrics) {
        RunResult demo = SampleResults.demo();
        LoadDetails d = demo.benchmarks().stream()
                .filter(b -> b.load() != null)
                .findFirst()
                .orElseThrow()
                .load();
        Map<String, Double> overall = new LinkedHashMap<>(d.overall());
        overall.put("throughput", throughput);
        overall.put("p99", p99);
        // a clients axis is the loop's connections, as perf records them; any other parameter is not
        overall.remove("concurrency");
        if (params.containsKey("clients")) {
            overall.put("concurrency", Double.valueOf(params.get("clients")));
        }
        LoadDetails copy = LoadDetails.builder(d.model(), d.counters())
                .target(d.target())
                .targetRatePerSec(d.targetRatePerSec())
                .durationNanos(d.durationNanos())
                .warmupNanos(d.warmupNanos())
                .overall(overall)
                .samplesAre(samplesAre == null ? d.samplesAre() : samplesAre)
                .timeSeries(d.timeSeries())
                .histograms(d.histograms())
                .host(d.host())
                .targets(List.of())
                .generatorBound(false)
                .generatorBoundReason(null)
                .startedAt(d.startedAt())
                .curve(List.of())
                .aborted(null)
                .build();
        return new BenchmarkResult(name, "load", null, params, BenchmarkResult.Status.ok, null, metrics, copy);
    }

    private static RunResult run(List<BenchmarkResult> benchmarks) {
        RunResult demo = SampleResults.demo();
        return new RunResult(
                demo.schema(), demo.perfVersion(), demo.run(), demo.environment(), demo.thresholds(), benchmarks);
    }

    @Test
    void uslFit_recoversKnownContentionAndCoherency_andThePeak() {
        List<BenchmarkResult> loops = new ArrayList<>();
        for (int n : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            loops.add(loop("publish", Map.of("clients", Integer.toString(n)), usl(n), 2.0));
        }
        List<Scaling.Curve> curves = Scaling.of(run(loops));
        assertThat(curves).singleElement().satisfies(c -> {
            assertThat(c.parameter()).isEqualTo("clients");
            Scaling.Usl u = c.usl();
            assertThat(u.lambda()).isCloseTo(LAMBDA, within(1e-6 * LAMBDA));
            assertThat(u.sigma()).isCloseTo(SIGMA, within(1e-9));
            assertThat(u.kappa()).isCloseTo(KAPPA, within(1e-9));
            assertThat(u.peakAt()).isCloseTo(Math.sqrt((1 - SIGMA) / KAPPA), within(1e-6));
            // 4 → 8 clients gains 61 % for +100 %; 8 → 16 only 31 %: the knee is at 8
            assertThat(c.knee()).isEqualTo(8.0);
            assertThat(c.kneeReason()).isEqualTo("clients 8 → 16: throughput +31 % for +100 %");
        });
        String md = MarkdownScaling.markdown(curves);
        assertThat(md)
                .contains("#### publish by clients")
                .contains("knee at clients = 8")
                .contains("xychart-beta")
                .contains("predicted peak");
        StringBuilder html = new StringBuilder();
        HtmlScaling.html(html, curves);
        assertThat(html.toString())
                .contains("<svg")
                .contains("publish by clients")
                .contains("USL fit")
                .contains("knee");
    }

    @Test
    void twoAxes_giveACurvePerFixedValue_andARisingP99IsAKneeToo() {
        List<BenchmarkResult> loops = new ArrayList<>();
        for (String size : new String[] {"64", "1024"}) {
            for (int n : new int[] {1, 2, 4}) {
                double p99 = n == 4 && size.equals("1024") ? 9.0 : 1.0;
                loops.add(loop("bus", Map.of("clients", Integer.toString(n), "size", size), 100.0 * n, p99));
            }
        }
        List<Scaling.Curve> curves = Scaling.of(run(loops));
        assertThat(curves).extracting(Scaling.Curve::parameter).containsOnly("clients"); // size has 2 values only
        assertThat(curves).hasSize(2);
        assertThat(curves.get(0).fixed()).isEqualTo(Map.of("size", "64"));
        assertThat(curves.get(0).knee()).isNull();
        assertThat(curves.get(0).usl()).isNull(); // 3 points
        assertThat(curves.get(1).knee()).isEqualTo(2.0);
        assertThat(curves.get(1).kneeReason()).contains("p99 9.000 ms");
        assertThat(TextScaling.text(curves)).contains("scaling: bus by clients (size=1024): knee at clients = 2");
    }

    @Test
    void repeats_giveTheMedianAndErrorBarsFromTheLowestToTheHighestRepeat() {
        List<BenchmarkResult> loops = new ArrayList<>();
        for (int n : new int[] {1, 2, 4}) {
            // three repeats, as perf run --repeat 3 keeps them: one group per run with its whole-run value
            List<Metric> replicates = List.of(
                    Metric.of(
                            "throughput",
                            "ops/s",
                            Better.HIGHER,
                            List.of(List.of(90.0 * n), List.of(100.0 * n), List.of(120.0 * n))),
                    Metric.of("p99", "ms", Better.LOWER, List.of(List.of(1.5), List.of(2.0), List.of(4.0 * n))));
            loops.add(loop(
                    "publish", Map.of("clients", Integer.toString(n)), 100.0 * n, 2.0, "repeated runs", replicates));
        }
        Scaling.Curve c = Scaling.of(run(loops)).get(0);
        assertThat(c.points()).extracting(Scaling.Point::throughput).containsExactly(100.0, 200.0, 400.0);
        assertThat(c.points().get(2))
                .extracting(Scaling.Point::throughputLow, Scaling.Point::throughputHigh)
                .containsExactly(360.0, 480.0);
        assertThat(c.points().get(2))
                .extracting(Scaling.Point::p99Ms, Scaling.Point::p99Low, Scaling.Point::p99High)
                .containsExactly(2.0, 1.5, 16.0);
        assertThat(MarkdownScaling.markdown(List.of(c))).contains("| 4 | 400.0 | 360.0–480.0 | 2.000 | 1.500–16.000 |");
        StringBuilder html = new StringBuilder();
        HtmlScaling.html(html, List.of(c));
        // one bar per point on the throughput chart and on the p99 chart
        assertThat(html.toString().split("class=\"errorbar\"", -1)).hasSize(7);
        assertThat(html.toString()).contains("<title>throughput: 360–480</title>", "publish by clients: p99");
    }

    /**
     * An open model whose parameter is its asked rate: the throughput follows it by construction, so a USL fit
     * over it "predicts" absurd peaks (#34 saw 18 977 069 398 ops/s); the knee, where the achieved throughput
     * stops following the rate, stays. A payload size is no load at all: neither.
     */
    @Test
    void theFitIsMadeOnConcurrencyOnly_andTheKneeOnConcurrencyOrTheAskedRate() {
        List<BenchmarkResult> byRate = new ArrayList<>();
        List<BenchmarkResult> bySize = new ArrayList<>();
        for (int rate : new int[] {1_000, 2_000, 4_000, 8_000, 16_000}) {
            double achieved = Math.min(rate, 5_000);
            BenchmarkResult b = loop("api", Map.of("rate", Integer.toString(rate)), achieved, 1.0);
            byRate.add(new BenchmarkResult(
                    b.name(),
                    b.kind(),
                    b.mode(),
                    b.params(),
                    b.status(),
                    b.error(),
                    b.metrics(),
                    b.load().toBuilder().targetRatePerSec(rate).build()));
            bySize.add(loop("upload", Map.of("size", Integer.toString(rate)), 1e7 / rate, 1.0 + rate / 1e3));
        }
        Scaling.Curve rate = Scaling.of(run(byRate)).get(0);
        assertThat(rate.axis()).isEqualTo(Scaling.Axis.RATE);
        assertThat(rate.usl()).isNull();
        assertThat(rate.knee()).isEqualTo(4_000.0);
        assertThat(ScalingCells.verdict(rate))
                .isEqualTo("knee at rate = 4000 (rate 4000 → 8000: throughput +25 % for +100 %); no USL fit: rate is"
                        + " the asked rate, which an open model's throughput follows by construction");
        Scaling.Curve size = Scaling.of(run(bySize)).get(0);
        assertThat(size.axis()).isEqualTo(Scaling.Axis.OTHER);
        assertThat(size.knee()).isNull();
        assertThat(size.usl()).isNull();
        assertThat(TextScaling.text(List.of(size)))
                .contains("no knee or USL fit: size is neither the loop's users or connections nor its asked rate")
                .doesNotContain("predicted peak");
    }
}
