package dev.perf.testing;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Better;
import dev.perf.result.Environment;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.ResultFiles;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.result.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixed, hand-made results for round-trip and golden-file tests. */
public final class SampleResults {
    private SampleResults() {}

    /**
     * A perf result holding one JMH benchmark {@code a.B.c} (avgt, ns/op) whose forks have the given means, with
     * {@code thresholds}, as the JSON text perf writes.
     */
    public static String oneBenchmark(Thresholds thresholds, double... forkMeans) {
        List<List<Double>> groups = new ArrayList<>();
        for (double f : forkMeans) {
            groups.add(List.of(f));
        }
        Metric m = Metric.of("score", "ns/op", Better.LOWER, groups);
        BenchmarkResult b =
                new BenchmarkResult("a.B.c", "jmh", "avgt", Map.of(), BenchmarkResult.Status.ok, null, List.of(m));
        return new String(
                ResultFiles.serialize(
                        new RunResult(RunResult.SCHEMA, "test", run(false), null, thresholds, List.of(b))),
                StandardCharsets.UTF_8);
    }

    private static RunInfo run(boolean interrupted) {
        return new RunInfo(
                "20261122T101500Z-beef",
                Instant.parse("2026-11-22T10:15:00.123Z"),
                Instant.parse("2026-11-22T10:16:05.456Z"),
                "quick",
                "perf-demo",
                "built-in",
                interrupted,
                new RunInfo.Git("0123456789abcdef0123456789abcdef01234567", "main", true));
    }

    private static Environment environment() {
        return new Environment(
                "GNU/Linux Debian 12",
                "6.1.0",
                "amd64",
                "Example CPU @ 2.50GHz",
                2,
                4,
                2_500_000_000L,
                25_000_000_000L,
                "performance",
                null,
                null,
                0.42,
                new Environment.Jvm("Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", List.of("-Xmx1g")),
                null);
    }

    /** A run with an average-time, a throughput, a parameterized and a failed benchmark. */
    public static RunResult demo() {
        return new RunResult(
                RunResult.SCHEMA,
                "0.1.0",
                run(false),
                environment(),
                Thresholds.DEFAULTS,
                List.of(
                        new BenchmarkResult(
                                "dev.perf.demo.StateMachineBench.transition",
                                "jmh",
                                "avgt",
                                Map.of(),
                                BenchmarkResult.Status.ok,
                                null,
                                List.of(
                                        Metric.of(
                                                "score",
                                                "ns/op",
                                                Better.LOWER,
                                                List.of(List.of(3.1, 3.3, 3.2, 3.25, 3.15))),
                                        Metric.of(
                                                "gc.alloc.rate.norm",
                                                "B/op",
                                                Better.LOWER,
                                                List.of(List.of(0.001, 0.001, 0.002, 0.001, 0.001))))),
                        new BenchmarkResult(
                                "dev.perf.demo.EventBusBench.publish",
                                "jmh",
                                "thrpt",
                                Map.of(),
                                BenchmarkResult.Status.ok,
                                null,
                                List.of(
                                        Metric.of(
                                                "score",
                                                "ops/us",
                                                Better.HIGHER,
                                                List.of(List.of(41.5, 42.0, 40.9, 41.7, 42.2))),
                                        Metric.of(
                                                "gc.alloc.rate.norm",
                                                "B/op",
                                                Better.LOWER,
                                                List.of(List.of(32.0, 32.0, 32.0, 32.0, 32.0))))),
                        new BenchmarkResult(
                                "dev.perf.demo.TenantCacheBench.hit",
                                "jmh",
                                "avgt",
                                Map.of("tenants", "1000"),
                                BenchmarkResult.Status.ok,
                                null,
                                List.of(Metric.of(
                                        "score",
                                        "ns/op",
                                        Better.LOWER,
                                        List.of(List.of(12.0, 12.5), List.of(11.5, 13.0))))),
                        loadBenchmark(),
                        new BenchmarkResult(
                                "bad|name<script>",
                                "jmh",
                                "avgt",
                                Map.of(),
                                BenchmarkResult.Status.failed,
                                "java.lang.IllegalStateException: boom | <b>\n\tat x.Y.z(Y.java:1)",
                                List.of())));
    }

    /** A load loop with a passing, a warning and a failing SLO; empty histograms. */
    private static BenchmarkResult loadBenchmark() {
        org.HdrHistogram.Histogram response = new org.HdrHistogram.Histogram(3);
        org.HdrHistogram.Histogram service = new org.HdrHistogram.Histogram(3);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            long serviceNanos = 20_000 + (long) (-60_000 * Math.log(1 - random.nextDouble()));
            service.recordValue(serviceNanos);
            response.recordValue(serviceNanos + (i % 1000 < 5 ? 4_000_000 : 0));
        }
        String empty = dev.perf.result.HistogramCodec.encode(new org.HdrHistogram.Histogram(3));
        java.util.Map<String, Double> overall = new java.util.LinkedHashMap<>();
        overall.put("throughput", 1999.8);
        overall.put("mean", 0.21);
        overall.put("p50", 0.05);
        overall.put("p90", 0.3);
        overall.put("p95", 0.52);
        overall.put("p99", 4.3);
        overall.put("p99.9", 12.0);
        overall.put("max", 24.1);
        overall.put("errorRate", 0.0);
        dev.perf.result.LoadDetails details = LoadDetails.builder(
                        "open",
                        new dev.perf.result.LoadDetails.Counters(
                                10_000, 10_000, 0, 9_990, 0, 10, 0, 0, 0, Map.of("5xx", 10L), "HTTP 503 (5xx)"))
                .target("java:dev.perf.demo.EventBusWorkload")
                .targetRatePerSec(2000)
                .durationNanos(5_000_000_000L)
                .warmupNanos(1_000_000_000L)
                .overall(overall)
                .samplesAre("per-second windows")
                .timeSeries(List.of(
                        new dev.perf.result.LoadDetails.Second(0, 2000, 48, 3900, 0, null),
                        new dev.perf.result.LoadDetails.Second(1, 1998, 51, 4400, 4, null),
                        new dev.perf.result.LoadDetails.Second(2, 2001, 50, 4100, 3, null),
                        new dev.perf.result.LoadDetails.Second(3, 2000, 49, 4300, 2, null),
                        new dev.perf.result.LoadDetails.Second(4, 2000, 50, 4200, 1, null)))
                .histograms(new dev.perf.result.LoadDetails.Histograms(
                        dev.perf.result.HistogramCodec.encode(response),
                        dev.perf.result.HistogramCodec.encode(service),
                        empty))
                .host(List.of(
                        new dev.perf.result.LoadDetails.HostSample(
                                0, 92.0, 95.0, 1.1, 4_000_000_000L, 38.0, 88_000_000L, 20.0, 50_000_000L),
                        new dev.perf.result.LoadDetails.HostSample(
                                1, 95.5, 98.0, 1.2, 4_000_000_000L, 40.0, 90_000_000L, 22.0, 51_000_000L),
                        new dev.perf.result.LoadDetails.HostSample(
                                2, 94.0, 97.0, 1.2, 4_010_000_000L, 39.0, 90_500_000L, 21.0, 51_000_000L)))
                .targets(List.of(
                        new dev.perf.result.LoadDetails.TargetVerdict("p99", "1ms", "10ms", 4.3, "ms", "warn", null),
                        new dev.perf.result.LoadDetails.TargetVerdict(
                                "errorRate", null, "0.1%", 0.0, "%", "pass", null),
                        new dev.perf.result.LoadDetails.TargetVerdict(
                                "throughput", "2500/s", "2100/s", 1999.8, "ops/s", "fail", null)))
                .generatorBound(false)
                .generatorBoundReason(null)
                .startedAt(Instant.parse("2026-11-22T10:15:31Z"))
                .curve(List.of())
                .build();
        return new BenchmarkResult(
                "event-bus-publish",
                "load",
                null,
                Map.of(),
                BenchmarkResult.Status.ok,
                null,
                List.of(Metric.of("throughput", "ops/s", Better.HIGHER, List.of(List.of(2000.0, 1999.0, 2001.0)))),
                details);
    }

    /** A one-benchmark run whose score samples are {@code values}. */
    public static RunResult withScores(double... values) {
        List<Double> samples = java.util.Arrays.stream(values).boxed().toList();
        return new RunResult(
                RunResult.SCHEMA,
                "0.1.0",
                run(true),
                environment(),
                Thresholds.DEFAULTS,
                List.of(new BenchmarkResult(
                        "a.B.c",
                        "jmh",
                        "avgt",
                        Map.of(),
                        BenchmarkResult.Status.ok,
                        null,
                        List.of(Metric.of("score", "ns/op", Better.LOWER, List.of(samples))))));
    }
}
