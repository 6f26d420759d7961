package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Traces;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.TraceSpec;
import dev.perf.testing.OtlpReceiver;
import dev.perf.testing.TracedService;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Trace context against a service that records every traceparent it receives and holds every 40th request
 * longer than the one before: the header is valid on every request, the same run sends the same ids again,
 * and the result's exemplars are exactly the requests the service held longest.
 */
@Tag("slow") // load loops against the wall clock
class TraceTest {
    private static TracedService service;

    @BeforeAll
    static void start() throws Exception {
        service = new TracedService(40);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static BenchmarkResult run(TraceSpec trace, String version) {
        LoadSpec spec = new LoadSpec(
                "traced",
                new LoadTarget(
                        null,
                        null,
                        new HttpTarget(
                                service.url("/item?n=${seq}"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                version,
                                null,
                                null,
                                null,
                                null)),
                null,
                Patterns.open("200/s", Duration.ofSeconds(2), Duration.ZERO, 16, Duration.ofSeconds(5)),
                List.of(),
                Map.of(),
                null,
                null,
                trace,
                null);
        return new LoadEngine()
                .run(LoadPlan.of(spec, new Profile.LoadDefaults(null, null), LoadEngineTest.SOURCE), LoadListener.NONE);
    }

    @Test
    void everyRequestCarriesItsTraceAndTheExemplarsAreTheSlowestTheServiceSaw() {
        service.clear();
        BenchmarkResult first = run(new TraceSpec(null, null, "perf=load", "http://ui/trace/{traceId}", 5), null);
        List<TracedService.Seen> seen = service.seen();
        assertThat(service.badHeaders()).isEmpty();
        assertThat(seen).hasSize((int) first.load().counters().sent());
        assertThat(seen).allMatch(TracedService.Seen::sampled).allMatch(s -> "perf=load".equals(s.tracestate()));
        assertThat(seen.stream().map(TracedService.Seen::traceId).distinct().count())
                .isEqualTo(seen.size());
        Traces traces = first.load().traces();
        assertThat(traces.slowest()).hasSize(5);
        // the exemplars are perf's slowest, slowest first, each the request it names: a request the service held
        // longer than an exemplar took cannot be missing (perf timed it at least that long), and no exemplar took
        // less than the service held it. On a quiet machine they are exactly the five held longest; beside CPU hogs
        // a few ms of waiting may reorder requests whose holds differ by the service's 12 ms step
        Map<String, Long> held =
                seen.stream().collect(Collectors.toMap(TracedService.Seen::traceId, TracedService.Seen::heldMillis));
        List<Traces.Exemplar> slowest = traces.slowest();
        assertThat(slowest).extracting(Traces.Exemplar::ms).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        double fastestExemplar = slowest.get(slowest.size() - 1).ms();
        assertThat(slowest).allSatisfy(e -> assertThat(e.ms()).isGreaterThanOrEqualTo(held.get(e.traceId())));
        assertThat(slowest.stream().map(Traces.Exemplar::traceId).toList())
                .as(
                        "the exemplars, slowest first, hold every request the service held longer than %.1f ms",
                        fastestExemplar)
                .containsAll(seen.stream()
                        .filter(x -> x.heldMillis() > fastestExemplar)
                        .map(TracedService.Seen::traceId)
                        .toList());
        assertThat(traces.link(slowest.get(0)))
                .isEqualTo("http://ui/trace/" + slowest.get(0).traceId());
        assertThat(traces.buckets()).isNotEmpty().allMatch(e -> e.le() != null);
        assertThat(traces.windows()).hasSizeGreaterThanOrEqualTo(1);

        Set<String> ids = seen.stream().map(TracedService.Seen::traceId).collect(Collectors.toSet());
        service.clear();
        run(new TraceSpec(null, null, "perf=load", null, 5), null);
        assertThat(new HashSet<>(
                        service.seen().stream().map(TracedService.Seen::traceId).toList()))
                .as("the same seed sends the same trace ids")
                .isEqualTo(ids);
    }

    @Test
    void aSampleRateMarksThatShareSampledAndOnlyThoseBecomeExemplars() {
        service.clear();
        BenchmarkResult r = run(new TraceSpec("w3c", 0.25, null, null, 50), null);
        List<TracedService.Seen> seen = service.seen();
        assertThat(service.badHeaders()).isEmpty();
        assertThat(seen).hasSize((int) r.load().counters().sent());
        long sampled = seen.stream().filter(TracedService.Seen::sampled).count();
        assertThat((double) sampled / seen.size()).isBetween(0.15, 0.35);
        Set<String> sampledIds = seen.stream()
                .filter(TracedService.Seen::sampled)
                .map(TracedService.Seen::traceId)
                .collect(Collectors.toSet());
        assertThat(r.load().traces().slowest()).isNotEmpty().allMatch(e -> sampledIds.contains(e.traceId()));
    }

    @Test
    void exportedClientSpans_areTheSampledRequestsTheServiceSaw_withTheirOwnIds() throws Exception {
        service.clear();
        try (OtlpReceiver otlp = new OtlpReceiver()) {
            BenchmarkResult r = run(new TraceSpec("w3c", 0.5, null, null, 5, "otlp", otlp.endpoint()), null);
            Set<String> sampled = service.seen().stream()
                    .filter(TracedService.Seen::sampled)
                    .map(TracedService.Seen::traceparent)
                    .collect(Collectors.toSet());
            List<OtlpReceiver.Received> spans = otlp.spans();
            assertThat(otlp.problems()).isEmpty();
            assertThat(spans)
                    .as(
                            "one span per sampled request, %d sent: %s",
                            r.load().counters().sent(), r.load().traces().export())
                    .hasSize(sampled.size());
            Set<String> exported = new HashSet<>();
            for (OtlpReceiver.Received s : spans) {
                Span span = s.span();
                assertThat(s.service()).isEqualTo("perf");
                assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(span.getName()).isEqualTo("traced");
                assertThat(span.getParentSpanId().isEmpty()).isTrue();
                assertThat(span.getEndTimeUnixNano()).isGreaterThan(span.getStartTimeUnixNano());
                // within a minute of now: the epoch clock, not the monotonic one
                assertThat(span.getStartTimeUnixNano() / 1_000_000L)
                        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
                exported.add("00-" + hex(span.getTraceId().toByteArray()) + "-"
                        + hex(span.getSpanId().toByteArray()) + "-01");
            }
            assertThat(exported)
                    .as("each span has the trace and span id of the traceparent its request sent")
                    .isEqualTo(sampled);
            Traces.Export export = r.load().traces().export();
            assertThat(export.exported()).isEqualTo(sampled.size());
            assertThat(export.dropped()).isZero();
            assertThat(export.failed()).isZero();
            assertThat(export.error()).isNull();
        }

        // a collector that is not there: the run goes on, the spans are counted as failed with the reason
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        BenchmarkResult r = run(
                new TraceSpec("w3c", 1.0, null, null, 5, "otlp", "http://127.0.0.1:" + closedPort + "/v1/traces"),
                null);
        Traces.Export export = r.load().traces().export();
        assertThat(r.load().counters().ok()).isPositive();
        assertThat(export.exported()).isZero();
        assertThat(export.failed() + export.dropped())
                .isEqualTo(r.load().counters().sent());
        assertThat(export.error()).isNotBlank();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
