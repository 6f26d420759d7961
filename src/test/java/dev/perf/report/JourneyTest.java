package dev.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A scenario's steps laid out as a waterfall from their results, and drawn. */
class JourneyTest {
    private static BenchmarkResult result(String name, String target, double p50, double p99) {
        LoadDetails.Counters counters = new LoadDetails.Counters(10, 10, 0, 10, 0, 0, 0, 0, 0, Map.of(), null);
        LoadDetails d = LoadDetails.builder("open", counters)
                .target(target)
                .overall(Map.of("p50", p50, "p99", p99))
                .build();
        return new BenchmarkResult(name, "load", null, Map.of(), BenchmarkResult.Status.ok, null, List.of(), d);
    }

    private static Map<String, BenchmarkResult> byName(BenchmarkResult... rs) {
        return List.of(rs).stream().collect(Collectors.toMap(BenchmarkResult::name, Function.identity()));
    }

    @Test
    void stepsStartWhereTheEarlierMediansEnd_andTheRestOfTheIterationIsPausesAndWaits() {
        BenchmarkResult loop = result("shop", "scenario:login,list,checkout", 520, 900);
        Map<String, BenchmarkResult> all = byName(
                loop,
                result("shop/login", "http:POST x", 10, 40),
                result("shop/list", "http:GET x", 5, 9),
                result("shop/checkout", "http:POST x", 3, 600));
        Journey j = Journey.of(loop, all);
        assertThat(j.steps()).extracting(Journey.Step::offset).containsExactly(0.0, 10.0, 15.0);
        assertThat(j.betweenSteps()).isEqualTo(502.0);
        assertThat(j.span()).isEqualTo(900.0);
        String svg = HtmlJourney.waterfall(j);
        assertThat(svg)
                .contains("data-kind=\"waterfall\"", ">login<", ">checkout<", ">iteration<")
                .contains("pauses and waits between steps at the median: 502 ms");
        assertThat(svg.split("<rect", -1)).hasSize(1 + 2 * 4);
    }

    @Test
    void aLoopThatIsNoScenario_orWhoseStepsAreMissing_hasNoJourney() {
        BenchmarkResult http = result("api", "http:GET x", 1, 2);
        assertThat(Journey.of(http, byName(http))).isNull();
        BenchmarkResult loop = result("shop", "scenario:login,list", 10, 20);
        assertThat(Journey.of(loop, byName(loop, result("shop/login", "http:GET x", 1, 2))))
                .isNull();
    }
}
