package dev.perf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import dev.perf.load.LoadWindow;
import dev.perf.load.record.LoadRecorder;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import dev.perf.testing.Golden;
import dev.perf.testing.SampleResults;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                                "port 5432", new MonitoredProcess.Sample(second, 5, 80_000_000L, -1))));
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

    @Test
    void remoteWrite_isASnappyWriteRequestWithSortedLabelsAndName() throws Exception {
        List<Family> families = sample().families();
        byte[] body = RemoteWrite.snappy(RemoteWrite.encode(families, 1_764_500_000_000L));

        byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
        new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
        List<Map<String, String>> decoded = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        CodedInputStream request = CodedInputStream.newInstance(raw);
        for (int tag = request.readTag(); tag != 0; tag = request.readTag()) {
            assertThat(tag >>> 3).isEqualTo(1); // WriteRequest.timeseries
            CodedInputStream ts = CodedInputStream.newInstance(request.readByteArray());
            Map<String, String> labels = new LinkedHashMap<>();
            for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
                CodedInputStream part = CodedInputStream.newInstance(ts.readByteArray());
                if (t >>> 3 == 1) { // Label { name = 1; value = 2; }
                    part.readTag();
                    String name = part.readString();
                    part.readTag();
                    labels.put(name, part.readString());
                } else { // Sample { double value = 1; int64 timestamp = 2; }
                    assertThat(t >>> 3).isEqualTo(2);
                    part.readTag();
                    values.add(part.readDouble());
                    part.readTag();
                    assertThat(part.readInt64()).isEqualTo(1_764_500_000_000L);
                }
            }
            decoded.add(labels);
        }
        long series = families.stream().mapToLong(f -> f.samples().size()).sum();
        assertThat(decoded).hasSize((int) series);
        assertThat(values).hasSize((int) series);
        for (Map<String, String> labels : decoded) {
            assertThat(labels).containsKey("__name__");
            assertThat(new ArrayList<>(labels.keySet())).isSorted();
        }
        assertThat(decoded).anySatisfy(l -> assertThat(l)
                .containsEntry("__name__", "perf_load_requests_total")
                .containsEntry("outcome", "ok")
                .containsEntry("loop", "search"));
        assertThat(body.length).isLessThan(raw.length / 3); // labels repeat: snappy earns its place
    }
}
