package dev.perf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhJsonTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JmhJsonTest.class.getResourceAsStream("/jmh-json/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void parse_groupsRawDataByForkAndKeepsSecondaryMetrics() throws IOException {
        BenchmarkResult b = JmhJson.parse(resource("good.json"), "good.json").get(0);
        assertThat(b.name()).isEqualTo("fixture.GoodBench.sum");
        assertThat(b.mode()).isEqualTo("avgt");
        assertThat(b.params()).containsEntry("size", "8");
        Metric score = b.metric("score").orElseThrow();
        assertThat(score.better()).isEqualTo(Better.LOWER);
        assertThat(score.unit()).isEqualTo("ns/op");
        assertThat(score.samples()).hasSize(2).allSatisfy(fork -> assertThat(fork)
                .hasSize(3));
        assertThat(score.summary().mean()).isCloseTo(18.00074083890004, offset(1e-12));
        assertThat(score.summary().ci().halfWidth()).isCloseTo(21.48899997800636, offset(1e-9));
        Metric alloc = b.metric("gc.alloc.rate.norm").orElseThrow();
        assertThat(alloc.unit()).isEqualTo("B/op");
        assertThat(alloc.better()).isEqualTo(Better.LOWER);
    }

    @Test
    void parse_throughputIsHigherIsBetter() throws IOException {
        Metric score = JmhJson.parse(resource("thrpt.json"), "t")
                .get(0)
                .metric("score")
                .orElseThrow();
        assertThat(score.better()).isEqualTo(Better.HIGHER);
        assertThat(score.unit()).isEqualTo("ops/ns");
    }

    @Test
    void parse_sampleModeUsesTheWeightedMeanOfEachIterationHistogram() throws IOException {
        BenchmarkResult b = JmhJson.parse(resource("sample.json"), "s").get(0);
        Metric score = b.metric("score").orElseThrow();
        assertThat(b.mode()).isEqualTo("sample");
        assertThat(score.samples()).hasSize(1);
        assertThat(score.samples().get(0)).hasSize(2);
        assertThat(score.summary().mean()).isPositive();
    }

    @Test
    void parse_readsJmhNonFiniteStrings() {
        String json =
                """
                [{"benchmark":"a.B.c","mode":"thrpt","primaryMetric":{"score":"NaN","scoreUnit":"ops/s",
                  "rawData":[["NaN", "+INF", "-INF", 2.5]]},"secondaryMetrics":{}}]
                """;
        Metric m = JmhJson.parse(json.getBytes(StandardCharsets.UTF_8), "x")
                .get(0)
                .metric("score")
                .orElseThrow();
        assertThat(m.samples().get(0))
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5);
    }

    @Test
    void parse_rejectsWhatIsNotJmhJson() {
        assertThatThrownBy(() -> JmhJson.parse("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("cannot read f.json");
        assertThatThrownBy(() -> JmhJson.parse("[{\"x\":1}]".getBytes(StandardCharsets.UTF_8), "f.json"))
                .hasMessageContaining("lacks benchmark");
        assertThatThrownBy(() -> JmhJson.parse("not json".getBytes(StandardCharsets.UTF_8), "f.json"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void betterFor_onlyThroughputIsHigher() {
        assertThat(List.of("thrpt", "avgt", "sample", "ss"))
                .extracting(JmhJson::betterFor)
                .containsExactly(Better.HIGHER, Better.LOWER, Better.LOWER, Better.LOWER);
    }
}
