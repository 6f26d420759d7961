package dev.perf.metrics;

import dev.perf.load.LoadWindow;
import dev.perf.load.record.Exemplars;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.Observed;
import dev.perf.result.Traces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * The live series of one run, updated once a second from the load windows and once per finished benchmark,
 * read by the endpoint and the pusher. Counters and histograms are cumulative per loop (a repeat starts
 * them again, which Prometheus reads as a counter reset); at a loop's end its counters become exactly the
 * result file's. Thread-safe.
 */
final class MetricsState {
    /**
     * Classic histogram bucket bounds, seconds: derived each second from the HdrHistogram (3 digits); the
     * buckets the recorder keeps its exemplars in.
     */
    private static final double[] BUCKETS_SECONDS = IntStream.range(0, Exemplars.bounds())
            .mapToDouble(b -> Exemplars.bound(b) / 1e9)
            .toArray();

    private final Map<String, String> common;
    private final LongSupplier clock;
    private final Map<String, Loop> loops = new LinkedHashMap<>();
    private final Map<String, Jmh> jmh = new LinkedHashMap<>();
    private LoadDetails.HostSample host;
    private List<MonitoredProcess.Reading> watched = List.of();
    private long pushDropped;

    /** A state whose series all carry {@code common} labels (suite, run_id, shard), in that order. */
    MetricsState(Map<String, String> common) {
        this(common, System::currentTimeMillis);
    }

    /** A state whose exemplars are stamped with {@code clock}'s ms since the epoch when they arrive. */
    MetricsState(Map<String, String> common, LongSupplier clock) {
        this.common = new LinkedHashMap<>(common);
        this.clock = clock;
    }

    private static final class Loop {
        final Map<String, String> labels;
        LoadWindow.Totals totals;
        final Histogram response = new Histogram(3);
        final Histogram service = new Histogram(3);
        /** The latest exemplar of each response-time bucket, the last one above every bound. */
        final Family.Exemplar[] exemplars = new Family.Exemplar[BUCKETS_SECONDS.length + 1];
        /** The service's series ({@code observe:}) over the latest second read, by name. */
        final Map<String, Double> observed = new LinkedHashMap<>();

        double targetRate = Double.NaN;
        double achievedRate;
        double latenessP99Seconds;
        double p50;
        double p99;
        double p999;
        boolean bound;

        Loop(Map<String, String> labels) {
            this.labels = labels;
        }
    }

    private record Jmh(Map<String, String> labels, double score) {}

    /** One closed second of a load loop (or of one operation of a mix). */
    synchronized void update(LoadWindow w) {
        Loop l = loop(w.loop(), w.operation());
        if (w.second() == 1) {
            l.response.reset(); // a repeat of the loop starts its counters and histograms again
            l.service.reset();
            Arrays.fill(l.exemplars, null);
        }
        l.observed.putAll(w.observed());
        for (LoadWindow.Exemplar e : w.exemplars()) {
            l.exemplars[e.bucket()] = new Family.Exemplar(e.traceId(), e.nanos() / 1e9, clock.getAsLong());
        }
        l.totals = w.totals();
        l.response.add(w.interval().response());
        l.service.add(w.interval().service());
        l.targetRate = w.targetRatePerSec();
        long n = w.interval().response().getTotalCount();
        l.achievedRate = n;
        l.latenessP99Seconds = seconds(w.interval().lag(), 99);
        l.p50 = n == 0 ? Double.NaN : seconds(w.interval().response(), 50);
        l.p99 = n == 0 ? Double.NaN : seconds(w.interval().response(), 99);
        l.p999 = n == 0 ? Double.NaN : seconds(w.interval().response(), 99.9);
        l.bound = w.generatorBound();
        if (w.host() != null) {
            host = w.host();
            watched = w.monitors();
        }
    }

    /** A finished benchmark: a load loop's counters become the result file's; a JMH score becomes a gauge. */
    synchronized void finished(BenchmarkResult b) {
        if (b.load() != null) {
            LoadDetails.Counters c = b.load().counters();
            long checks = c.checks().values().stream()
                    .mapToLong(LoadDetails.CheckCount::failed)
                    .sum();
            Loop l = loop(b.name(), null);
            l.totals = new LoadWindow.Totals(
                    c.sent(), c.ok(), c.httpErrors(), c.ioErrors(), c.timeouts(), c.errors(), c.dropped(), checks);
            try { // the whole run's histograms, the final partial second included, as the result file has them
                Histogram response = HistogramCodec.decode(b.load().histograms().response());
                Histogram service = HistogramCodec.decode(b.load().histograms().service());
                l.response.reset();
                l.response.add(response);
                l.service.reset();
                l.service.add(service);
            } catch (RuntimeException e) {
                // a result without histograms keeps the windows' sums
            }
            for (Observed o : b.load().observed()) { // a queried series is known only now
                List<Double> read = o.readSeconds();
                if (!read.isEmpty()) {
                    l.observed.put(o.name(), read.get(read.size() - 1));
                }
            }
            if (b.load().traces() != null) { // the whole run's slowest of each bucket above p90
                for (Traces.Exemplar e : b.load().traces().buckets()) {
                    int bucket = bucketOf(e.le());
                    if (bucket >= 0) {
                        l.exemplars[bucket] = new Family.Exemplar(e.traceId(), e.ms() / 1e3, clock.getAsLong());
                    }
                }
            }
            return;
        }
        Metric score = b.metric("score").orElse(null);
        if (score == null || b.status() != BenchmarkResult.Status.ok) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>(common);
        labels.put("benchmark", b.displayName());
        labels.put("mode", String.valueOf(b.mode()));
        labels.put("unit", score.unit());
        jmh.put(b.key(), new Jmh(labels, score.summary().mean()));
    }

    /** Pushes dropped because the receiver was slower than the run. */
    synchronized void pushDropped(long dropped) {
        pushDropped = dropped;
    }

    private Loop loop(String name, String operation) {
        return loops.computeIfAbsent(name + "\u0000" + operation, k -> {
            Map<String, String> labels = new LinkedHashMap<>(common);
            labels.put("loop", name);
            if (operation != null) {
                labels.put("operation", operation);
            }
            return new Loop(labels);
        });
    }

    /** The bucket whose {@code le} label is {@code le}, or −1. */
    private static int bucketOf(String le) {
        for (int b = 0; b <= Exemplars.bounds(); b++) {
            if (Exemplars.le(b).equals(le)) {
                return b;
            }
        }
        return -1;
    }

    private static double seconds(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e9;
    }

    /** Every family with its current series, in a stable order. */
    synchronized List<Family> families() {
        List<Family> out = new ArrayList<>();
        List<Family.Sample> requests = new ArrayList<>();
        List<Family.Sample> response = new ArrayList<>();
        List<Family.Sample> service = new ArrayList<>();
        List<Family.Sample> window = new ArrayList<>();
        List<Family.Sample> target = new ArrayList<>();
        List<Family.Sample> achieved = new ArrayList<>();
        List<Family.Sample> inFlight = new ArrayList<>();
        List<Family.Sample> lateness = new ArrayList<>();
        List<Family.Sample> bound = new ArrayList<>();
        for (Loop l : loops.values()) {
            if (l.totals != null) {
                LoadWindow.Totals t = l.totals;
                long[] values = {
                    t.ok(), t.httpErrors(), t.ioErrors(), t.timeouts(), t.errors(), t.dropped(), t.checksFailed()
                };
                String[] outcomes = {"ok", "http_error", "io_error", "timeout", "error", "dropped", "check_failed"};
                for (int i = 0; i < outcomes.length; i++) {
                    requests.add(new Family.Sample(
                            "perf_load_requests_total", with(l.labels, "outcome", outcomes[i]), values[i]));
                }
                inFlight.add(new Family.Sample("perf_load_in_flight", l.labels, t.inFlight()));
            }
            histogram(response, "perf_load_response_time_seconds", l.labels, l.response, l.exemplars);
            histogram(service, "perf_load_service_time_seconds", l.labels, l.service, null);
            window.add(new Family.Sample(
                    "perf_load_window_response_time_seconds", with(l.labels, "quantile", "0.5"), l.p50));
            window.add(new Family.Sample(
                    "perf_load_window_response_time_seconds", with(l.labels, "quantile", "0.99"), l.p99));
            window.add(new Family.Sample(
                    "perf_load_window_response_time_seconds", with(l.labels, "quantile", "0.999"), l.p999));
            if (!Double.isNaN(l.targetRate)) {
                target.add(new Family.Sample("perf_load_target_rate", l.labels, l.targetRate));
            }
            achieved.add(new Family.Sample("perf_load_achieved_rate", l.labels, l.achievedRate));
            lateness.add(new Family.Sample("perf_load_dispatch_lateness_seconds", l.labels, l.latenessP99Seconds));
            bound.add(new Family.Sample("perf_generator_bound", l.labels, l.bound ? 1 : 0));
        }
        out.add(new Family(
                "perf_load_requests_total",
                "counter",
                "Operations of a load loop by outcome, so far (the result file's counters at its end); check_failed also counts under its outcome.",
                requests));
        out.add(new Family(
                "perf_load_response_time_seconds",
                "histogram",
                "Response time from the intended start (coordinated omission corrected), seconds; classic buckets derived each second from perf's HdrHistogram.",
                response));
        out.add(new Family(
                "perf_load_service_time_seconds",
                "histogram",
                "Service time from the actual start, seconds; classic buckets derived each second from perf's HdrHistogram.",
                service));
        out.add(new Family(
                "perf_load_window_response_time_seconds",
                "gauge",
                "Response-time quantiles of the last closed one-second window, seconds.",
                window));
        out.add(new Family(
                "perf_load_target_rate",
                "gauge",
                "Operations per second the schedule asked for in the last window (open model only).",
                target));
        out.add(new Family(
                "perf_load_achieved_rate", "gauge", "Operations per second completed in the last window.", achieved));
        out.add(new Family("perf_load_in_flight", "gauge", "Operations started and not yet completed.", inFlight));
        out.add(new Family(
                "perf_load_dispatch_lateness_seconds",
                "gauge",
                "99th percentile of how late operations started against their schedule in the last window, seconds.",
                lateness));
        out.add(new Family(
                "perf_generator_bound",
                "gauge",
                "1 when the loop has dropped operations so far: the generator fell behind its schedule.",
                bound));
        hostFamilies(out);
        observedFamily(out);
        jmhFamily(out);
        out.add(new Family(
                "perf_metrics_push_dropped_total",
                "counter",
                "Remote-write batches dropped because the receiver was slower than the run or unreachable.",
                List.of(new Family.Sample("perf_metrics_push_dropped_total", common, pushDropped))));
        return out.stream().filter(f -> !f.samples().isEmpty()).toList();
    }

    private void observedFamily(List<Family> out) {
        List<Family.Sample> observed = new ArrayList<>();
        for (Loop l : loops.values()) {
            l.observed.forEach((series, v) ->
                    observed.add(new Family.Sample("perf_observed", with(l.labels, "series", series), v)));
        }
        out.add(new Family(
                "perf_observed",
                "gauge",
                "The service's own series of a loop's observe: over the latest second read (a query's once the loop"
                        + " ends), in the unit perf.yaml gives it.",
                observed));
    }

    private void jmhFamily(List<Family> out) {
        List<Family.Sample> scores = new ArrayList<>();
        jmh.values().forEach(j -> scores.add(new Family.Sample("perf_jmh_score", j.labels(), j.score())));
        out.add(new Family(
                "perf_jmh_score",
                "gauge",
                "Score of each finished JMH benchmark (mean over its forks) in its unit.",
                scores));
    }

    private void hostFamilies(List<Family> out) {
        if (host == null) {
            return;
        }
        out.add(new Family(
                "perf_host_cpu_ratio",
                "gauge",
                "Share of the machine's CPU busy in the last second, 0 to 1.",
                List.of(new Family.Sample("perf_host_cpu_ratio", common, host.cpuPercent() / 100))));
        List<Family.Sample> cpu = new ArrayList<>();
        List<Family.Sample> rss = new ArrayList<>();
        cpu.add(new Family.Sample(
                "perf_process_cpu_ratio", with(common, "process", "perf"), host.perfCpuPercent() / 100));
        rss.add(new Family.Sample("perf_process_resident_bytes", with(common, "process", "perf"), host.perfRssBytes()));
        List<Family.Sample> heap = new ArrayList<>();
        for (MonitoredProcess.Reading m : watched) {
            // every process of the loop's monitor:, told apart by its label
            Map<String, String> labels = with(with(common, "process", "monitored"), "monitor", m.label());
            if (!Double.isNaN(m.sample().cpuPercent())) {
                cpu.add(new Family.Sample(
                        "perf_process_cpu_ratio", labels, m.sample().cpuPercent() / 100));
            }
            if (m.sample().rssBytes() >= 0) {
                rss.add(new Family.Sample(
                        "perf_process_resident_bytes", labels, m.sample().rssBytes()));
            }
            if (m.sample().heapUsedBytes() >= 0) {
                heap.add(new Family.Sample(
                        "perf_process_heap_used_bytes", labels, m.sample().heapUsedBytes()));
            }
        }
        out.add(new Family(
                "perf_process_cpu_ratio",
                "gauge",
                "CPU a process used in the last second, in cores (1 = one core busy).",
                cpu));
        out.add(new Family("perf_process_resident_bytes", "gauge", "Resident memory of a process, bytes.", rss));
        if (!heap.isEmpty()) {
            out.add(new Family(
                    "perf_process_heap_used_bytes",
                    "gauge",
                    "Java heap in use of a monitored JVM (from its hsperfdata counters), bytes.",
                    heap));
        }
    }

    /** A histogram's buckets, sum and count; each bucket with its exemplar when {@code exemplars} has one. */
    private static void histogram(
            List<Family.Sample> out,
            String name,
            Map<String, String> labels,
            Histogram h,
            Family.Exemplar[] exemplars) {
        for (int b = 0; b <= BUCKETS_SECONDS.length; b++) {
            boolean last = b == BUCKETS_SECONDS.length;
            long count = h.getTotalCount() == 0 || last
                    ? h.getTotalCount()
                    : h.getCountBetweenValues(0, (long) (BUCKETS_SECONDS[b] * 1e9));
            String le = Exemplars.le(b);
            Family.Exemplar e = exemplars == null ? null : exemplars[b];
            out.add(new Family.Sample(name + "_bucket", with(labels, "le", le), count, e));
        }
        out.add(new Family.Sample(
                name + "_sum", labels, h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount() / 1e9));
        out.add(new Family.Sample(name + "_count", labels, h.getTotalCount()));
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(name, value);
        return out;
    }
}
