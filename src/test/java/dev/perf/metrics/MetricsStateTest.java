package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import dev.perf.load.LoadWindow;
import dev.perf.load.record.Exemplars;
import dev.perf.load.record.LoadRecorder;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.Observed;
import dev.perf.result.Traces;
import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The live series: names, units, labels, the text format (golden) and what remote write encodes. */
class MetricsStateTest {
    private static final Map<String, String> COMMON = new LinkedHashMap<>(Map.of("suite", "shop"));

    static {
        COMMON.put("run_id", "20261130T120000Z-abcd");
        COMMON.put("shard", "1/1");
    }

    private static Histogram histogram(long... micros) {
        Histogram h = new Histogram(3);
        for (long us : micros) {
            h.recordValue(us * 1000);
        }
        return h;
    }

    private static LoadWindow window(String operation, long second, long ok, long... micros) {
        return new LoadWindow(
                "search",
                operation,
                second,
                operation == null ? 100 : Double.NaN,
                new LoadWindow.Totals(ok + 3, ok, 1, 1, 0, 0, 0, 1),
                new LoadRecorder.Interval(histogram(micros), histogram(micros), histogram(5, 40), List.of()),
                false,
                new LoadDetails.HostSample(second, 42.5, 80, 1.2, 1L << 30, 55, 200_000_000L, 20, 50_000_000L),
                // two watched processes: a JVM (with its heap) and a database
                List.of(
                        new MonitoredProcess.Reading(
                                "api", new MonitoredProcess.Sample(second, 20, 50_000_000L, 12_000_000L)),
                        new MonitoredProcess.Reading(
                                "port 5432", new MonitoredProcess.Sample(second, 5, 80_000_000L, -1))),
                List.of(),
                Map.of());
    }

    /** {@code w} with these exemplars and observed series. */
    private static LoadWindow with(LoadWindow w, List<LoadWindow.Exemplar> exemplars, Map<String, Double> observed) {
        return new LoadWindow(
                w.loop(),
                w.operation(),
                w.second(),
                w.targetRatePerSec(),
                w.totals(),
                w.interval(),
                w.generatorBound(),
                w.host(),
                w.monitors(),
                exemplars,
                observed);
    }

    static MetricsState sample() {
        MetricsState state = new MetricsState(COMMON);
        state.update(window(null, 1, 97, 300, 450, 900, 2_000, 12_000));
        state.update(window("get \"item\"", 1, 60, 300, 700));
        state.update(window(null, 2, 195, 350, 500, 800));
        for (BenchmarkResult b : SampleResults.demo().benchmarks()) {
            state.finished(b);
        }
        state.pushDropped(2);
        return state;
    }

    @Test
    void theTextFormat_isStrictAndGolden() throws IOException {
        String text = PrometheusText.write(sample().families());
        List<PromText.Series> series = PromText.parse(text);

        assertThat(text).isEqualTo(Golden.of("metrics.txt", text));
        assertThat(series)
                .allSatisfy(s ->
                        assertThat(s.labels()).containsEntry("suite", "shop").containsEntry("shard", "1/1"));
        assertThat(series)
                .filteredOn(s -> s.name().equals("perf_load_requests_total")
                        && "ok".equals(s.labels().get("outcome"))
                        && "search".equals(s.labels().get("loop"))
                        && !s.labels().containsKey("operation"))
                .singleElement()
                .extracting(PromText.Series::value)
                .isEqualTo(195.0); // counters are totals so far, not per window
        assertThat(series)
                .filteredOn(s -> "get \"item\"".equals(s.labels().get("operation")))
                .isNotEmpty();
        assertThat(series)
                .extracting(PromText.Series::name)
                .contains(
                        "perf_load_response_time_seconds_bucket",
                        "perf_load_target_rate",
                        "perf_load_achieved_rate",
                        "perf_load_in_flight",
                        "perf_load_dispatch_lateness_seconds",
                        "perf_generator_bound",
                        "perf_host_cpu_ratio",
                        "perf_process_cpu_ratio",
                        "perf_process_resident_bytes",
                        "perf_jmh_score",
                        "perf_metrics_push_dropped_total");
    }

    @Test
    void aFinishedLoop_hasExactlyTheResultFilesCountersAndHistogram() {
        MetricsState state = new MetricsState(COMMON);
        BenchmarkResult load = SampleResults.demo().benchmarks().stream()
                .filter(b -> b.load() != null)
                .findFirst()
                .orElseThrow();
        state.finished(load);
        List<PromText.Series> series = PromText.parse(PrometheusText.write(state.families()));
        LoadDetails.Counters c = load.load().counters();
        Map<String, Double> byOutcome = new LinkedHashMap<>();
        series.stream()
                .filter(s -> s.name().equals("perf_load_requests_total"))
                .forEach(s -> byOutcome.put(s.labels().get("outcome"), s.value()));
        assertThat(byOutcome)
                .containsEntry("ok", (double) c.ok())
                .containsEntry("http_error", (double) c.httpErrors())
                .containsEntry("io_error", (double) c.ioErrors())
                .containsEntry("timeout", (double) c.timeouts())
                .containsEntry("dropped", (double) c.dropped());
    }

    /** One decoded remote-write series. */
    private record Written(
            Map<String, String> labels, List<Double> values, List<Long> stamps, List<String> exemplars) {}

    /** The series of a remote-write body, its exemplars as {@code trace_id value timestamp}. */
    private static List<Written> decode(byte[] body) throws IOException {
        byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
        new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
        List<Written> out = new ArrayList<>();
        CodedInputStream request = CodedInputStream.newInstance(raw);
        for (int tag = request.readTag(); tag != 0; tag = request.readTag()) {
            assertThat(tag >>> 3).isEqualTo(1); // WriteRequest.timeseries
            CodedInputStream ts = CodedInputStream.newInstance(request.readByteArray());
            Written w = new Written(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
                CodedInputStream part = CodedInputStream.newInstance(ts.readByteArray());
                if (t >>> 3 == 1) { // Label { name = 1; value = 2; }
                    part.readTag();
                    String name = part.readString();
                    part.readTag();
                    w.labels().put(name, part.readString());
                } else if (t >>> 3 == 2) { // Sample { double value = 1; int64 timestamp = 2; }
                    part.readTag();
                    w.values().add(part.readDouble());
                    part.readTag();
                    w.stamps().add(part.readInt64());
                } else { // Exemplar { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
                    assertThat(t >>> 3).isEqualTo(3);
                    assertThat(part.readTag() >>> 3).isEqualTo(1);
                    CodedInputStream label = CodedInputStream.newInstance(part.readByteArray());
                    label.readTag();
                    String name = label.readString();
                    label.readTag();
                    String value = label.readString();
                    assertThat(part.readTag() >>> 3).isEqualTo(2);
                    double v = part.readDouble();
                    assertThat(part.readTag() >>> 3).isEqualTo(3);
                    w.exemplars().add(name + "=" + value + " " + v + " " + part.readInt64());
                }
            }
            out.add(w);
        }
        return out;
    }

    @Test
    void remoteWrite_isASnappyWriteRequestWithSortedLabelsAndName() throws Exception {
        List<Family> families = sample().families();
        byte[] body = RemoteWrite.snappy(RemoteWrite.encode(families, 1_764_500_000_000L));
        List<Written> decoded = decode(body);

        long series = families.stream().mapToLong(f -> f.samples().size()).sum();
        assertThat(decoded).hasSize((int) series);
        for (Written w : decoded) {
            assertThat(w.values()).hasSize(1);
            assertThat(w.stamps()).containsExactly(1_764_500_000_000L);
            assertThat(w.exemplars()).isEmpty(); // nothing was traced
            assertThat(w.labels()).containsKey("__name__");
            assertThat(new ArrayList<>(w.labels().keySet())).isSorted();
        }
        assertThat(decoded).anySatisfy(w -> assertThat(w.labels())
                .containsEntry("__name__", "perf_load_requests_total")
                .containsEntry("outcome", "ok")
                .containsEntry("loop", "search"));
        byte[] raw = RemoteWrite.encode(families, 1_764_500_000_000L);
        assertThat(body.length).isLessThan(raw.length / 3); // labels repeat: snappy earns its place
    }

    private static final String SLOW = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String FAST = "00f067aa0ba902b700f067aa0ba902b7";

    /** A state with one traced window: a 2 ms request in the 2.5 ms bucket and a 12 s one above every bound. */
    private static MetricsState traced() {
        long[] now = {1_764_500_000_123L};
        MetricsState state = new MetricsState(COMMON, () -> now[0]);
        LoadWindow w = window(null, 1, 97, 300, 2_000, 12_000_000);
        state.update(with(
                w,
                List.of(
                        new LoadWindow.Exemplar(4, 2_000_000L, FAST),
                        new LoadWindow.Exemplar(Exemplars.bounds(), 12_000_000_000L, SLOW)),
                Map.of()));
        return state;
    }

    @Test
    void openMetrics_putsEachBucketsExemplarAfterItsValue_namesCountersWithoutTotal_andEnds() {
        String text = PrometheusText.openMetrics(traced().families());
        List<String> lines = text.lines().toList();

        assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
        assertThat(lines).contains("# TYPE perf_load_requests counter", "# TYPE perf_metrics_push_dropped counter");
        assertThat(lines).noneMatch(l -> l.startsWith("# TYPE") && l.contains("_total "));
        assertThat(lines)
                .filteredOn(l -> l.contains(" # {"))
                .containsExactly(
                        "perf_load_response_time_seconds_bucket{suite=\"shop\",run_id=\"20261130T120000Z-abcd\","
                                + "shard=\"1/1\",loop=\"search\",le=\"0.0025\"} 2 # {trace_id=\"" + FAST
                                + "\"} 0.002 1764500000.123",
                        "perf_load_response_time_seconds_bucket{suite=\"shop\",run_id=\"20261130T120000Z-abcd\","
                                + "shard=\"1/1\",loop=\"search\",le=\"+Inf\"} 3 # {trace_id=\"" + SLOW
                                + "\"} 12 1764500000.123");
        // the 0.0.4 format has no exemplars and reads as before
        String plain = PrometheusText.write(traced().families());
        assertThat(plain).doesNotContain("# {").doesNotContain("# EOF");
        assertThat(PromText.parse(plain)).isNotEmpty();
        assertThat(PrometheusText.wantsOpenMetrics(
                        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
                .isTrue();
        assertThat(PrometheusText.wantsOpenMetrics("text/plain")).isFalse();
        assertThat(PrometheusText.wantsOpenMetrics(null)).isFalse();
    }

    @Test
    void remoteWrite_carriesTheExemplarsWithTheirOwnTimestamp() throws Exception {
        List<Written> decoded = decode(RemoteWrite.snappy(RemoteWrite.encode(traced().families(), 1_764_500_001_000L)));
        assertThat(decoded)
                .filteredOn(w -> !w.exemplars().isEmpty())
                .extracting(w -> w.labels().get("le") + " " + w.exemplars())
                .containsExactly(
                        "0.0025 [trace_id=" + FAST + " 0.002 1764500000123]",
                        "+Inf [trace_id=" + SLOW + " 12.0 1764500000123]");
    }

    @Test
    void aFinishedTracedLoop_pointsEachBucketAboveP90AtTheWholeRunsSlowest() {
        BenchmarkResult load = SampleResults.demo().benchmarks().stream()
                .filter(b -> b.load() != null)
                .findFirst()
                .orElseThrow();
        Traces traces = new Traces(
                "w3c",
                1,
                null,
                List.of(),
                List.of(
                        new Traces.Exemplar(FAST, 0.2, 0, false, "0.00025"),
                        new Traces.Exemplar(SLOW, 900, 3, false, "1")),
                List.of());
        load = load.withLoad(load.load().toBuilder().traces(traces).build());
        MetricsState state = new MetricsState(COMMON, () -> 1_764_500_000_000L);
        state.finished(load);
        assertThat(PrometheusText.openMetrics(state.families()).lines())
                .filteredOn(l -> l.contains(" # {"))
                .extracting(l -> l.replaceAll(".*le=\"([^\"]+)\".* # \\{trace_id=\"(\\w+)\"} (\\S+) .*", "$1 $2 $3"))
                .containsExactly("0.00025 " + FAST + " 0.0002", "1 " + SLOW + " 0.9");
    }

    @Test
    void everyBucketsLeLabel_boundsWhatFallsInIt() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long nanos = (long) Math.exp(random.nextDouble() * Math.log(30e9));
            int b = new Exemplars.Exemplar(i, nanos, 0, false).bucket();
            double le = b == Exemplars.bounds() ? Double.POSITIVE_INFINITY : Double.parseDouble(Exemplars.le(b));
            double below = b == 0 ? 0 : Double.parseDouble(Exemplars.le(b - 1));
            assertThat(nanos / 1e9)
                    .as("%d ns in bucket %s", nanos, Exemplars.le(b))
                    .isLessThanOrEqualTo(le)
                    .isGreaterThan(below);
        }
        assertThat(Exemplars.le(1)).isEqualTo("0.00025");
        assertThat(Exemplars.le(12)).isEqualTo("1");
        assertThat(Exemplars.le(15)).isEqualTo("10");
    }

    @Test
    void theServicesSeries_areGaugesOfTheLatestSecond_andAQueriedOneArrivesWithTheLoopsEnd() {
        MetricsState state = new MetricsState(COMMON);
        LoadWindow w = window(null, 1, 97, 300);
        state.update(with(w, List.of(), Map.of("cacheHitRate", 0.75)));
        BenchmarkResult load = SampleResults.demo().benchmarks().stream()
                .filter(b -> b.load() != null && b.name().equals("search"))
                .findFirst()
                .orElse(null);
        List<PromText.Series> live = PromText.parse(PrometheusText.write(state.families()));
        assertThat(live)
                .filteredOn(x -> x.name().equals("perf_observed"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.labels()).containsEntry("loop", "search").containsEntry("series", "cacheHitRate");
                    assertThat(x.value()).isEqualTo(0.75);
                });
        BenchmarkResult any = load != null
                ? load
                : SampleResults.demo().benchmarks().stream()
                        .filter(b -> b.load() != null)
                        .findFirst()
                        .orElseThrow();
        List<Double> errors = new ArrayList<>(List.of(1.0, 2.0, 3.5));
        errors.add(Double.NaN); // the last second not read: the latest read stands
        BenchmarkResult observed = any.withLoad(any.load().toBuilder()
                .observed(List.of(new Observed("errors", "q", "/s", "lower", 2.1, errors, null)))
                .build());
        state.finished(observed);
        assertThat(PromText.parse(PrometheusText.write(state.families())))
                .filteredOn(x -> x.name().equals("perf_observed")
                        && "errors".equals(x.labels().get("series")))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.labels()).containsEntry("loop", any.name());
                    assertThat(x.value()).isEqualTo(3.5);
                });
    }
}
