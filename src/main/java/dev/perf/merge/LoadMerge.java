package dev.perf.merge;

import dev.perf.load.LoadResults;
import dev.perf.load.SloJudge;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.GeneratorBound;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.PerfException;
import dev.perf.result.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Exact merges of results of one benchmark: shards that ran side by side ({@link Mode#CONCURRENT}) or
 * repeats that ran one after the other ({@link Mode#SEQUENTIAL}, or pooled as one run: {@link Mode#ROUNDS}). Load loops: counters add, HdrHistograms
 * add bucket by bucket, every percentile is recomputed from the merged histograms (never averaged), time
 * series are aligned (by wall clock, or one after the other) and SLOs judged again; repeats keep each run's
 * whole-run value as a replicate sample. JMH benchmarks keep every part's forks as sample groups. Pure.
 */
public final class LoadMerge {
    private LoadMerge() {}

    /** Merges the results of one benchmark; failed ones are left out unless all failed. */
    public static BenchmarkResult merge(List<BenchmarkResult> same, Mode mode) {
        List<BenchmarkResult> ok = same.stream()
                .filter(b -> b.status() == BenchmarkResult.Status.ok)
                .toList();
        BenchmarkResult first = same.get(0);
        if (ok.isEmpty()) {
            return first;
        }
        if (ok.stream().allMatch(b -> b.load() != null)) {
            return mergeLoad(ok, mode);
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

    /** How the results to merge were measured. */
    public enum Mode {
        /** Side by side (shards on several machines): time series align by wall clock, rates add. */
        CONCURRENT,
        /** One after the other (repeats): time series follow each other, durations add. */
        SEQUENTIAL,
        /**
         * One after the other, pooled as one long run (rounds of one revision interleaved with another's):
         * time series follow each other and durations add as for repeats, but the samples stay the
         * per-second windows, so compare judges the pooled whole-run histograms as it judges one run.
         */
        ROUNDS
    }

    /**
     * The shards' kept requests as one loop's: the slowest of all (as many as the first shard kept), the slowest
     * of each bucket and of each second; null when the first shard sent no trace context. Every shard watched the
     * same service, so its observed figures are the first shard's.
     */
    private static Traces traces(List<BenchmarkResult> shards) {
        Traces first = shards.get(0).load().traces();
        if (first == null) {
            return null;
        }
        List<Traces.Exemplar> slowest = new ArrayList<>();
        Map<String, Traces.Exemplar> buckets = new TreeMap<>();
        Map<Long, Traces.Exemplar> windows = new TreeMap<>();
        Traces.Export export = null;
        for (BenchmarkResult b : shards) {
            Traces t = b.load().traces();
            if (t == null) {
                continue;
            }
            if (t.export() != null) { // every shard's spans went to the collector: their counts add up
                export = export == null ? t.export() : export.plus(t.export());
            }
            slowest.addAll(t.slowest());
            t.buckets().forEach(e -> buckets.merge(e.le(), e, (x, y) -> x.ms() >= y.ms() ? x : y));
            t.windows().forEach(e -> windows.merge(e.second(), e, (x, y) -> x.ms() >= y.ms() ? x : y));
        }
        slowest.sort(Comparator.comparingDouble(Traces.Exemplar::ms).reversed());
        List<Traces.Exemplar> bucketList = new ArrayList<>(buckets.values());
        bucketList.sort(Comparator.comparingDouble(Traces.Exemplar::ms));
        return new Traces(
                first.propagate(),
                first.sampleRate(),
                first.url(),
                slowest.subList(
                        0, Math.min(slowest.size(), Math.max(1, first.slowest().size()))),
                bucketList,
                new ArrayList<>(windows.values()),
                export);
    }

    /** Adds {@code d}'s three histograms; bad input naming {@code what} when they are damaged. */
    private static void addHistograms(
            LoadDetails d, String what, Histogram response, Histogram service, Histogram lag) {
        try {
            response.add(HistogramCodec.decode(d.histograms().response()));
            service.add(HistogramCodec.decode(d.histograms().service()));
            lag.add(HistogramCodec.decode(d.histograms().lag()));
        } catch (IllegalArgumentException e) {
            throw PerfException.badInput(
                    "cannot merge load " + what + ": its histograms are damaged (" + e.getMessage() + ")");
        }
    }

    private static BenchmarkResult mergeLoad(List<BenchmarkResult> shards, Mode mode) {
        List<LoadDetails> ds = shards.stream().map(BenchmarkResult::load).toList();
        LoadDetails first = ds.get(0);
        Histogram response = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram lag = new Histogram(3);
        long scheduled = 0, sent = 0, dropped = 0, ok = 0, errors = 0, httpErrors = 0, ioErrors = 0;
        long timeouts = 0, inFlight = 0;
        Map<String, Long> classes = new TreeMap<>();
        Map<String, LoadDetails.CheckCount> checks = new TreeMap<>();
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
        Map<String, List<MonitoredProcess>> monitors = new LinkedHashMap<>();
        List<String> bound = new ArrayList<>();
        for (int k = 0; k < ds.size(); k++) {
            LoadDetails d = ds.get(k);
            addHistograms(d, shards.get(k).displayName() + " of shard " + (k + 1), response, service, lag);
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
            c.checks().forEach((check, n) -> checks.merge(check, n, LoadDetails.CheckCount::plus));
            firstError = firstError == null ? c.firstError() : firstError;
            // side by side the shards' rates add up; one after the other each repeat ran at the same rate
            targetRate = mode == Mode.CONCURRENT
                    ? targetRate + (Double.isNaN(d.targetRatePerSec()) ? 0 : d.targetRatePerSec())
                    : d.targetRatePerSec();
            double perOp = d.overall().getOrDefault("allocBytesPerOp", Double.NaN);
            allocated += Double.isNaN(perOp) ? Double.NaN : perOp * c.sent();
            long offset;
            if (mode != Mode.CONCURRENT) {
                offset = seconds.isEmpty() ? 0 : seconds.lastKey() + 1;
                durationNanos += d.durationNanos();
            } else {
                offset = startedAt == null || d.startedAt() == null
                        ? 0
                        : Math.round(Duration.between(startedAt, d.startedAt()).toMillis() / 1000.0);
                durationNanos = Math.max(durationNanos, d.durationNanos());
            }
            for (LoadDetails.Second s : d.timeSeries()) {
                seconds.computeIfAbsent(s.second() + offset, SecondBuilder::new).add(s);
            }
            for (LoadDetails.HostSample h : d.host()) {
                host.merge(h.second() + offset, h, LoadMerge::peak);
            }
            for (MonitoredProcess m : d.monitors()) {
                monitors.computeIfAbsent(m.label(), l -> new ArrayList<>()).add(shifted(m, offset));
            }
            if (d.generatorBound()) {
                bound.add((mode == Mode.CONCURRENT ? "shard " : mode == Mode.ROUNDS ? "round " : "repeat ") + (k + 1)
                        + ": " + d.generatorBoundReason());
            }
        }
        LoadDetails.Counters counters = new LoadDetails.Counters(
                scheduled,
                sent,
                dropped,
                ok,
                errors,
                httpErrors,
                ioErrors,
                timeouts,
                inFlight,
                classes,
                firstError,
                checks);
        // side by side, the shards did every operation within one loop's duration; one after the other,
        // within the sum of the durations
        Map<String, Double> overall =
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
                mode == Mode.SEQUENTIAL ? "repeated runs" : first.samplesAre(),
                series,
                new LoadDetails.Histograms(
                        HistogramCodec.encode(response), HistogramCodec.encode(service), HistogramCodec.encode(lag)),
                new ArrayList<>(host.values()),
                SloJudge.rejudge(first.targets(), overall, GeneratorBound.of(reason)),
                reason != null,
                reason,
                startedAt,
                List.of(),
                null,
                monitors.values().stream().map(LoadMerge::joined).toList(),
                traces(shards),
                first.observed());
        BenchmarkResult b = shards.get(0);
        return new BenchmarkResult(
                b.name(),
                b.kind(),
                b.mode(),
                b.params(),
                BenchmarkResult.Status.ok,
                null,
                mode == Mode.SEQUENTIAL ? replicates(shards) : LoadResults.metrics(series, overall),
                merged);
    }

    /**
     * Metrics whose samples are the repeats: one group per run holding its exact whole-run value, so that
     * compare tests replicates rather than seconds of one run.
     */
    private static List<Metric> replicates(List<BenchmarkResult> runs) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : runs.get(0).metrics()) {
            List<List<Double>> groups = new ArrayList<>();
            for (BenchmarkResult r : runs) {
                groups.add(List.of(
                        r.load().overall().getOrDefault(m.name(), m.summary().median())));
            }
            out.add(Metric.of(m.name(), m.unit(), m.better(), groups));
        }
        return out;
    }

    /** {@code m} with its samples {@code offset} seconds later, without trends (a merge has none). */
    private static MonitoredProcess shifted(MonitoredProcess m, long offset) {
        return new MonitoredProcess(
                m.label(),
                m.pid(),
                m.command(),
                m.note(),
                m.samples().stream()
                        .map(x -> new MonitoredProcess.Sample(
                                x.second() + offset, x.cpuPercent(), x.rssBytes(), x.heapUsedBytes()))
                        .toList(),
                null);
    }

    /**
     * One process watched by several parts: their samples in time order (the first part's where two parts
     * sampled the same second), their notes, the first part's pid.
     */
    private static MonitoredProcess joined(List<MonitoredProcess> parts) {
        TreeMap<Long, MonitoredProcess.Sample> samples = new TreeMap<>();
        parts.forEach(m -> m.samples().forEach(x -> samples.putIfAbsent(x.second(), x)));
        List<String> notes = parts.stream()
                .map(MonitoredProcess::note)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        MonitoredProcess first = parts.get(0);
        return new MonitoredProcess(
                first.label(),
                first.pid(),
                first.command(),
                notes.isEmpty() ? null : String.join("; ", notes),
                new ArrayList<>(samples.values()),
                null);
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
