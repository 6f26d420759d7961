package dev.perf.report;

import dev.perf.load.LoadEngine;
import dev.perf.load.SloJudge;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.PerfException;
import dev.perf.result.PerfVersion;
import dev.perf.result.RunInfo;
import dev.perf.result.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The exact merge of shards of one suite run on several machines ({@code perf run --shard I/N}): counters
 * add, HdrHistograms add bucket by bucket, every percentile is recomputed from the merged histograms (never
 * averaged), time series are aligned by wall clock (each shard's {@code startedAt}) and SLOs judged again.
 * JMH benchmarks measured by several shards keep every shard's forks as sample groups. Pure.
 */
public final class ShardMerge {
    private ShardMerge() {}

    /** Merges {@code shards}, labelled by their files; bad input when they are not shards of one run. */
    public static RunResult merge(List<RunResult> shards, List<String> labels) {
        if (shards.isEmpty()) {
            throw PerfException.usage("merge needs at least one shard");
        }
        check(shards, labels);
        RunResult first = shards.get(0);
        Map<String, List<BenchmarkResult>> byName = new LinkedHashMap<>();
        for (RunResult shard : shards) {
            for (BenchmarkResult b : shard.benchmarks()) {
                byName.computeIfAbsent(b.kind() + "\u0000" + b.displayName(), k -> new ArrayList<>())
                        .add(b);
            }
        }
        List<BenchmarkResult> merged = new ArrayList<>();
        for (List<BenchmarkResult> same : byName.values()) {
            merged.add(same.size() == 1 ? same.get(0) : mergeBenchmark(same));
        }
        Instant start = shards.stream()
                .map(r -> r.run().start())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant end =
                shards.stream().map(r -> r.run().end()).max(Instant::compareTo).orElseThrow();
        RunInfo run = new RunInfo(
                first.run().id() + "-merged",
                start,
                end,
                first.run().profile(),
                first.run().suite(),
                first.run().suiteFile(),
                shards.stream().anyMatch(r -> r.run().interrupted()),
                first.run().git(),
                "merged " + shards.size());
        return new RunResult(RunResult.SCHEMA, PerfVersion.get(), run, first.environment(), first.thresholds(), merged);
    }

    private static void check(List<RunResult> shards, List<String> labels) {
        RunResult first = shards.get(0);
        Map<String, String> seenShards = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            RunInfo r = shards.get(i).run();
            if (!r.suite().equals(first.run().suite())) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " is suite '"
                        + first.run().suite() + "' but " + labels.get(i) + " is suite '" + r.suite()
                        + "'; merge shards of one suite");
            }
            if (!r.profile().equals(first.run().profile())) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " ran profile '"
                        + first.run().profile() + "' but " + labels.get(i) + " ran '" + r.profile()
                        + "'; merge shards of one profile");
            }
            if (r.shard() != null && r.shard().startsWith("merged")) {
                throw PerfException.badInput("cannot merge: " + labels.get(i) + " is already a merge (" + r.shard()
                        + "); merge the original shards");
            }
            String count =
                    r.shard() == null ? null : r.shard().substring(r.shard().indexOf('/') + 1);
            String firstCount = first.run().shard() == null
                    ? null
                    : first.run().shard().substring(first.run().shard().indexOf('/') + 1);
            if (!Objects.equals(count, firstCount)) {
                throw PerfException.badInput("cannot merge: " + labels.get(0) + " is shard "
                        + first.run().shard() + " but " + labels.get(i) + " is shard " + r.shard()
                        + "; merge the shards of one perf run --shard I/N");
            }
            if (r.shard() != null) {
                String previous = seenShards.put(r.shard(), labels.get(i));
                if (previous != null) {
                    throw PerfException.badInput("cannot merge: " + previous + " and " + labels.get(i)
                            + " are both shard " + r.shard() + "; each shard once");
                }
            }
        }
    }

    private static BenchmarkResult mergeBenchmark(List<BenchmarkResult> same) {
        List<BenchmarkResult> ok = same.stream()
                .filter(b -> b.status() == BenchmarkResult.Status.ok)
                .toList();
        BenchmarkResult first = same.get(0);
        if (ok.isEmpty()) {
            return first;
        }
        if (ok.stream().allMatch(b -> b.load() != null)) {
            return mergeLoad(ok);
        }
        Map<String, List<List<Double>>> samples = new LinkedHashMap<>();
        Map<String, Metric> model = new LinkedHashMap<>();
        for (BenchmarkResult b : ok) {
            for (Metric m : b.metrics()) {
                model.putIfAbsent(m.name(), m);
                samples.computeIfAbsent(m.name(), k -> new ArrayList<>()).addAll(m.samples());
            }
        }
        List<Metric> metrics = new ArrayList<>();
        model.forEach((name, m) -> metrics.add(Metric.of(name, m.unit(), m.better(), samples.get(name))));
        BenchmarkResult b = ok.get(0);
        return new BenchmarkResult(b.name(), b.kind(), b.mode(), b.params(), b.status(), null, metrics);
    }

    private static BenchmarkResult mergeLoad(List<BenchmarkResult> shards) {
        List<LoadDetails> ds = shards.stream().map(BenchmarkResult::load).toList();
        LoadDetails first = ds.get(0);
        Histogram response = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram lag = new Histogram(3);
        long scheduled = 0, sent = 0, dropped = 0, ok = 0, errors = 0, httpErrors = 0, ioErrors = 0;
        long timeouts = 0, inFlight = 0;
        Map<String, Long> classes = new TreeMap<>();
        String firstError = null;
        double targetRate = 0;
        double allocated = 0;
        Instant startedAt = ds.stream()
                .map(LoadDetails::startedAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        long durationNanos = 0;
        TreeMap<Long, SecondBuilder> seconds = new TreeMap<>();
        TreeMap<Long, LoadDetails.HostSample> host = new TreeMap<>();
        List<String> bound = new ArrayList<>();
        for (int k = 0; k < ds.size(); k++) {
            LoadDetails d = ds.get(k);
            try {
                response.add(HistogramCodec.decode(d.histograms().response()));
                service.add(HistogramCodec.decode(d.histograms().service()));
                lag.add(HistogramCodec.decode(d.histograms().lag()));
            } catch (IllegalArgumentException e) {
                throw PerfException.badInput(
                        "cannot merge load " + shards.get(k).displayName() + " of shard " + (k + 1)
                                + ": its histograms are damaged (" + e.getMessage() + ")");
            }
            LoadDetails.Counters c = d.counters();
            scheduled += c.scheduled();
            sent += c.sent();
            dropped += c.dropped();
            ok += c.ok();
            errors += c.errors();
            httpErrors += c.httpErrors();
            ioErrors += c.ioErrors();
            timeouts += c.timeouts();
            inFlight += c.inFlightAtEnd();
            c.httpStatusClasses().forEach((cls, n) -> classes.merge(cls, n, Long::sum));
            firstError = firstError == null ? c.firstError() : firstError;
            targetRate += Double.isNaN(d.targetRatePerSec()) ? 0 : d.targetRatePerSec();
            double perOp = d.overall().getOrDefault("allocBytesPerOp", Double.NaN);
            allocated += Double.isNaN(perOp) ? Double.NaN : perOp * c.sent();
            long offset = startedAt == null || d.startedAt() == null
                    ? 0
                    : Math.round(Duration.between(startedAt, d.startedAt()).toMillis() / 1000.0);
            durationNanos = Math.max(durationNanos, d.durationNanos());
            for (LoadDetails.Second s : d.timeSeries()) {
                seconds.computeIfAbsent(s.second() + offset, SecondBuilder::new).add(s);
            }
            for (LoadDetails.HostSample h : d.host()) {
                host.merge(h.second() + offset, h, ShardMerge::peak);
            }
            if (d.generatorBound()) {
                bound.add("shard " + (k + 1) + ": " + d.generatorBoundReason());
            }
        }
        LoadDetails.Counters counters = new LoadDetails.Counters(
                scheduled, sent, dropped, ok, errors, httpErrors, ioErrors, timeouts, inFlight, classes, firstError);
        Map<String, Double> overall =
                // shards run side by side: together they did every operation within one loop's duration
                new LinkedHashMap<>(LoadDetails.overallOf(response, lag, counters, durationNanos / 1e9));
        overall.put("allocBytesPerOp", sent == 0 ? Double.NaN : allocated / sent);
        List<LoadDetails.Second> series = new ArrayList<>();
        seconds.values().forEach(s -> series.add(s.build()));
        String reason = bound.isEmpty() ? null : String.join("; ", bound);
        boolean closed = first.model().equals("closed");
        LoadDetails merged = new LoadDetails(
                first.model(),
                first.target(),
                closed ? Double.NaN : targetRate,
                durationNanos,
                first.warmupNanos(),
                counters,
                overall,
                first.samplesAre(),
                series,
                new LoadDetails.Histograms(
                        HistogramCodec.encode(response), HistogramCodec.encode(service), HistogramCodec.encode(lag)),
                new ArrayList<>(host.values()),
                SloJudge.rejudge(first.targets(), overall, reason),
                reason != null,
                reason,
                startedAt,
                List.of());
        BenchmarkResult b = shards.get(0);
        return new BenchmarkResult(
                b.name(),
                b.kind(),
                b.mode(),
                b.params(),
                BenchmarkResult.Status.ok,
                null,
                LoadEngine.metrics(series, overall),
                merged);
    }

    /** The busier of two machines' samples of one second: the peak of each field. */
    private static LoadDetails.HostSample peak(LoadDetails.HostSample a, LoadDetails.HostSample b) {
        return new LoadDetails.HostSample(
                a.second(),
                Math.max(a.cpuPercent(), b.cpuPercent()),
                Math.max(a.busiestCorePercent(), b.busiestCorePercent()),
                Math.max(a.loadAverage1m(), b.loadAverage1m()),
                Math.max(a.memoryUsedBytes(), b.memoryUsedBytes()),
                Math.max(a.perfCpuPercent(), b.perfCpuPercent()),
                Math.max(a.perfRssBytes(), b.perfRssBytes()),
                Math.max(a.monitoredCpuPercent(), b.monitoredCpuPercent()),
                Math.max(a.monitoredRssBytes(), b.monitoredRssBytes()));
    }

    /** One wall-clock second of the merged time series. */
    private static final class SecondBuilder {
        final long second;
        double rate;
        long errors;
        final Histogram histogram = new Histogram(3);
        boolean exact = true;

        SecondBuilder(long second) {
            this.second = second;
        }

        void add(LoadDetails.Second s) {
            rate += s.ratePerSec();
            errors += s.errors();
            if (s.histogram() != null) {
                histogram.add(HistogramCodec.decode(s.histogram()));
            } else if (s.ratePerSec() > 0) {
                exact = false; // an older file without per-second histograms: percentiles unknown
            }
        }

        LoadDetails.Second build() {
            boolean none = histogram.getTotalCount() == 0 || !exact;
            return new LoadDetails.Second(
                    second,
                    rate,
                    none ? Double.NaN : histogram.getValueAtPercentile(50) / 1e3,
                    none ? Double.NaN : histogram.getValueAtPercentile(99) / 1e3,
                    errors,
                    histogram.getTotalCount() == 0 ? null : HistogramCodec.encode(histogram));
        }
    }
}
