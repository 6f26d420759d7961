package dev.perf.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.PerfException;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import dev.perf.result.Thresholds;
import dev.perf.testing.SampleResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

class ShardMergeTest {
    private static final int RATE = 1000;
    private static final int SECONDS = 5;
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A seeded stream of response times, ns: mostly ~1 ms with a tail. */
    private static long[] stream() {
        Random random = new Random(2026);
        long[] values = new long[RATE * SECONDS];
        for (int i = 0; i < values.length; i++) {
            values[i] = 200_000 + (long) (-900_000 * Math.log(1 - random.nextDouble()));
        }
        return values;
    }

    /** The load result of the operations i with i % shards == shard, as one process would record them. */
    private static RunResult shard(long[] values, int shard, int shards, Instant startedAt, String label) {
        Histogram total = new Histogram(3);
        Histogram[] perSecond = new Histogram[SECONDS];
        for (int s = 0; s < SECONDS; s++) {
            perSecond[s] = new Histogram(3);
        }
        long ok = 0;
        for (int i = shard; i < values.length; i += shards) {
            total.recordValue(values[i]);
            perSecond[i / RATE].recordValue(values[i]);
            ok++;
        }
        List<LoadDetails.Second> series = new ArrayList<>();
        for (int s = 0; s < SECONDS; s++) {
            Histogram h = perSecond[s];
            series.add(new LoadDetails.Second(
                    s,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3,
                    0,
                    HistogramCodec.encode(h)));
        }
        LoadDetails.Counters counters =
                new LoadDetails.Counters(ok + 1, ok, 1, ok - 2, 0, 2, 0, 0, 0, Map.of("5xx", 2L), "HTTP 503");
        Map<String, Double> overall =
                new LinkedHashMap<>(LoadDetails.overallOf(total, new Histogram(3), counters, SECONDS));
        overall.put("allocBytesPerOp", 100.0 * (shard + 1));
        LoadDetails d = LoadDetails.builder("open", counters)
                .target("http:GET http://127.0.0.1/")
                .targetRatePerSec((double) RATE / shards)
                .durationNanos(SECONDS * 1_000_000_000L)
                .warmupNanos(0)
                .overall(overall)
                .samplesAre("per-second windows")
                .timeSeries(series)
                .histograms(new LoadDetails.Histograms(
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(total),
                        HistogramCodec.encode(new Histogram(3))))
                .host(List.of())
                .targets(List.of(
                        new LoadDetails.TargetVerdict("p99", "1ms", "100ms", overall.get("p99"), "ms", "warn", null)))
                .generatorBound(false)
                .generatorBoundReason(null)
                .startedAt(startedAt)
                .curve(List.of())
                .build();
        RunInfo info = new RunInfo(
                label,
                T0,
                T0.plusSeconds(10),
                "quick",
                "svc",
                "perf.yaml",
                false,
                null,
                shards == 1 ? null : (shard + 1) + "/" + shards);
        return new RunResult(
                RunResult.SCHEMA,
                "0.1.0",
                info,
                null,
                Thresholds.DEFAULTS,
                List.of(new BenchmarkResult(
                        "search", "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d)));
    }

    private static List<String> buckets(Histogram h) {
        List<String> out = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            out.add(v.getValueIteratedTo() + ":" + v.getCountAtValueIteratedTo());
        }
        return out;
    }

    @Test
    void merge_ofShards_isBucketIdenticalToOneRun() {
        long[] values = stream();
        RunResult whole = shard(values, 0, 1, T0, "whole");
        for (int n : new int[] {2, 3, 7}) {
            List<RunResult> shards = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                shards.add(shard(values, s, n, T0, "s" + s));
                labels.add("s" + s + ".json");
            }
            RunResult merged = ShardMerge.merge(shards, labels);
            LoadDetails m = merged.benchmarks().get(0).load();
            LoadDetails w = whole.benchmarks().get(0).load();
            Histogram mergedResponse = HistogramCodec.decode(m.histograms().response());
            Histogram wholeResponse = HistogramCodec.decode(w.histograms().response());
            assertThat(buckets(mergedResponse)).as("%d shards", n).isEqualTo(buckets(wholeResponse));
            for (String p : List.of("p50", "p90", "p99", "p99.9", "max", "mean")) {
                assertThat(m.overall().get(p)).as(p).isEqualTo(w.overall().get(p));
            }
            for (int s = 0; s < SECONDS; s++) {
                assertThat(m.timeSeries().get(s).p99Micros())
                        .isEqualTo(w.timeSeries().get(s).p99Micros());
                assertThat(m.timeSeries().get(s).ratePerSec()).isEqualTo(RATE);
            }
            assertThat(m.counters().sent()).isEqualTo(values.length);
            assertThat(m.counters().httpErrors()).isEqualTo(2L * n);
            assertThat(m.counters().httpStatusClasses()).containsEntry("5xx", 2L * n);
            assertThat(m.targetRatePerSec()).isCloseTo(RATE, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(merged.run().shard()).isEqualTo("merged " + n);
            assertThat(m.targets().get(0).current()).isEqualTo(w.overall().get("p99"));
        }
    }

    @Test
    void merge_alignsTimeSeriesByWallClock() {
        long[] values = stream();
        RunResult a = shard(values, 0, 2, T0, "a");
        RunResult b = shard(values, 1, 2, T0.plusSeconds(2), "b");
        LoadDetails m = ShardMerge.merge(List.of(a, b), List.of("a", "b"))
                .benchmarks()
                .get(0)
                .load();
        assertThat(m.timeSeries()).hasSize(SECONDS + 2);
        assertThat(m.timeSeries().get(0).ratePerSec()).isEqualTo(RATE / 2.0);
        assertThat(m.timeSeries().get(2).ratePerSec()).isEqualTo(RATE);
        assertThat(m.timeSeries().get(SECONDS + 1).ratePerSec()).isEqualTo(RATE / 2.0);
        assertThat(m.durationNanos()).isEqualTo(SECONDS * 1_000_000_000L);
        assertThat(m.overall().get("throughput")).isEqualTo((double) RATE);
        assertThat(m.startedAt()).isEqualTo(T0);
    }

    @Test
    void merge_ofJmhShards_keepsEveryBenchmarkAndEveryFork() {
        RunResult a = SampleResults.demo();
        RunResult merged = ShardMerge.merge(List.of(a, a), List.of("a", "b"));
        BenchmarkResult sm = merged.benchmarks().get(0);
        assertThat(sm.metric("score").orElseThrow().samples()).hasSize(2);
        assertThat(sm.metric("score").orElseThrow().summary().n()).isEqualTo(10);
        assertThat(merged.benchmarks()).hasSize(a.benchmarks().size());
    }

    @Test
    void mergeRepeats_ofWholeRuns_isWhatPerfRunRepeatGives() {
        RunResult first = shard(stream(), 0, 1, T0, "round-1");
        long[] slower = stream();
        for (int i = 0; i < slower.length; i++) {
            slower[i] += 50_000;
        }
        RunResult second = shard(slower, 0, 1, T0.plusSeconds(60), "round-2");
        RunResult merged = ShardMerge.mergeRuns(
                List.of(first, second), List.of("base-1.json", "base-2.json"), LoadMerge.Mode.SEQUENTIAL);

        BenchmarkResult expected = LoadMerge.merge(
                List.of(first.benchmarks().get(0), second.benchmarks().get(0)), LoadMerge.Mode.SEQUENTIAL);
        assertThat(merged.benchmarks()).containsExactly(expected);
        LoadDetails m = merged.benchmarks().get(0).load();
        assertThat(m.samplesAre()).isEqualTo("repeated runs");
        assertThat(m.durationNanos()).isEqualTo(2L * SECONDS * 1_000_000_000L);
        assertThat(m.counters().sent())
                .isEqualTo(2 * first.benchmarks().get(0).load().counters().sent());
        assertThat(m.overall().get("p99")) // recomputed from both runs' histograms, between the two
                .isGreaterThan(first.benchmarks().get(0).load().overall().get("p99"))
                .isLessThan(second.benchmarks().get(0).load().overall().get("p99"));
        assertThat(merged.run().shard()).isEqualTo("merged 2 repeats");

        RunResult jmh = SampleResults.demo();
        BenchmarkResult pooled = ShardMerge.mergeRuns(List.of(jmh, jmh), List.of("a", "b"), LoadMerge.Mode.SEQUENTIAL)
                .benchmarks()
                .get(0);
        assertThat(pooled.metric("score").orElseThrow().summary().n())
                .isEqualTo(2
                        * jmh.benchmarks()
                                .get(0)
                                .metric("score")
                                .orElseThrow()
                                .summary()
                                .n());
    }

    @Test
    void mergeRounds_poolsRunsIntoOneLongRun_judgedOnItsWindowsAndWholeRunHistograms() {
        long[] values = stream();
        RunResult first = shard(values, 0, 1, T0, "round-1");
        RunResult second = shard(values, 0, 1, T0.plusSeconds(60), "round-2");
        RunResult merged = ShardMerge.mergeRuns(List.of(first, second), List.of("a", "b"), LoadMerge.Mode.ROUNDS);

        LoadDetails m = merged.benchmarks().get(0).load();
        LoadDetails one = first.benchmarks().get(0).load();
        assertThat(m.samplesAre()).isEqualTo("per-second windows"); // compare's whole-run rule applies
        assertThat(m.timeSeries()).hasSize(2 * SECONDS); // round 2's seconds follow round 1's
        assertThat(m.durationNanos()).isEqualTo(2 * one.durationNanos());
        assertThat(m.overall().get("throughput")).isEqualTo(one.overall().get("throughput"));
        Histogram twice = HistogramCodec.decode(one.histograms().response());
        twice.add(HistogramCodec.decode(one.histograms().response()));
        assertThat(buckets(HistogramCodec.decode(m.histograms().response()))).isEqualTo(buckets(twice));
        assertThat(m.overall().get("p99")).isEqualTo(one.overall().get("p99"));
        assertThat(merged.run().shard()).isEqualTo("merged 2 rounds");
    }

    @Test
    void mergeRepeats_refusesShardsMergesOtherCommitsAndOneRun() {
        long[] values = stream();
        RunResult whole = shard(values, 0, 1, T0, "w");
        RunResult shardOne = shard(values, 0, 2, T0, "s");
        assertThatThrownBy(() -> ShardMerge.mergeRuns(
                        List.of(whole, shardOne), List.of("w.json", "s.json"), LoadMerge.Mode.SEQUENTIAL))
                .hasMessage("cannot merge runs: s.json is shard 1/2; --repeats merges whole runs, merge shards"
                        + " without it");
        RunResult merged = ShardMerge.mergeRuns(List.of(whole, whole), List.of("a", "b"), LoadMerge.Mode.SEQUENTIAL);
        assertThatThrownBy(() -> ShardMerge.mergeRuns(
                        List.of(whole, merged), List.of("w.json", "m.json"), LoadMerge.Mode.SEQUENTIAL))
                .hasMessageContaining("m.json is already a merge (merged 2 repeats)");
        RunInfo r = whole.run();
        RunResult otherCommit = new RunResult(
                whole.schema(),
                whole.perfVersion(),
                new RunInfo(
                        r.id(),
                        r.start(),
                        r.end(),
                        r.profile(),
                        r.suite(),
                        r.suiteFile(),
                        false,
                        new RunInfo.Git("abc123", "main", false),
                        null),
                null,
                null,
                whole.benchmarks());
        assertThatThrownBy(() -> ShardMerge.mergeRuns(
                        List.of(whole, otherCommit), List.of("w.json", "o.json"), LoadMerge.Mode.SEQUENTIAL))
                .hasMessageContaining(
                        "w.json ran commit null but o.json ran abc123; the runs merged must be of one revision");
        assertThatThrownBy(() -> ShardMerge.mergeRuns(List.of(whole), List.of("w.json"), LoadMerge.Mode.SEQUENTIAL))
                .hasMessageContaining("at least two runs");
    }

    @Test
    void merge_refusesDifferentSuitesProfilesAndRepeatedShards() {
        long[] values = stream();
        RunResult a = shard(values, 0, 2, T0, "a");
        RunResult b = shard(values, 1, 2, T0, "b");
        RunResult otherSuite = new RunResult(
                b.schema(), b.perfVersion(), withSuite(b.run(), "other", "quick"), null, null, b.benchmarks());
        RunResult otherProfile = new RunResult(
                b.schema(), b.perfVersion(), withSuite(b.run(), "svc", "full"), null, null, b.benchmarks());
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, otherSuite), List.of("a.json", "b.json")))
                .isInstanceOf(PerfException.class)
                .hasMessage(
                        "cannot merge: a.json is suite 'svc' but b.json is suite 'other'; merge shards of one suite");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, otherProfile), List.of("a.json", "b.json")))
                .hasMessageContaining("ran profile 'quick' but b.json ran 'full'");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, a), List.of("a.json", "a2.json")))
                .hasMessageContaining("are both shard 1/2");
        RunResult three = shard(values, 2, 3, T0, "c");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(a, three), List.of("a.json", "c.json")))
                .hasMessageContaining("is shard 1/2 but c.json is shard 3/3");
    }

    @Test
    void merge_ofAnIncompleteSet_isRefusedNamingTheMissingShards_unlessPartialIsAllowed() {
        long[] values = stream();
        List<RunResult> two = List.of(shard(values, 0, 3, T0, "s0"), shard(values, 2, 3, T0, "s2"));
        List<String> labels = List.of("s0.json", "s2.json");
        assertThatThrownBy(() -> ShardMerge.merge(two, labels))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("shard(s) 2/3 missing")
                .hasMessageContaining("--allow-partial");
        RunResult partial = ShardMerge.merge(two, labels, true);
        assertThat(partial.benchmarks().get(0).load().counters().sent())
                .isEqualTo(two.get(0).benchmarks().get(0).load().counters().sent()
                        + two.get(1).benchmarks().get(0).load().counters().sent());
    }

    private static RunInfo withSuite(RunInfo r, String suite, String profile) {
        return new RunInfo(
                r.id(), r.start(), r.end(), profile, suite, r.suiteFile(), r.interrupted(), r.git(), r.shard());
    }
}
