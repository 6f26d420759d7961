package dev.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Traces;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.LoadSpec;
import dev.perf.suite.LoadTarget;
import dev.perf.suite.Profile;
import dev.perf.suite.TraceSpec;
import dev.perf.testing.TracedService;
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
        assertThat(traces.slowest().stream().map(Traces.Exemplar::traceId).toList())
                .as("the exemplars, slowest first, are the requests the service held longest")
                .isEqualTo(service.slowest(5));
        assertThat(traces.link(traces.slowest().get(0)))
                .isEqualTo("http://ui/trace/" + service.slowest(1).get(0));
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
}
