package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.PerfException;
import dev.perf.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Load matrices: expansion, naming, placeholders in every position, identity, limits and errors. */
class MatrixTest {
    private static Suite parse(String yaml) {
        return SuiteLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "perf.yaml");
    }

    private static final String BUS =
            """
            name: bus
            benchmarks:
              - load:
                  name: publish
                  matrix: { size: [64, 1024, 65536], clients: [1, 8] }
                  target:
                    http:
                      url: "http://{demo-server}/publish?size=${param.size}"
                      method: POST
                      headers: { X-Clients: "${param.clients}" }
                      body: '{"size": ${param.size}}'
                  load: { users: "${param.clients}", duration: 1s, warmup: 0s }
              - load:
                  name: consume
                  matrix: { backend: [kafka, nats] }
                  target: { java: { class: dev.perf.load.NoopWorkload, params: { backend: "${param.backend}" } } }
                  load: { rate: 100/s, connections: 2, duration: 1s }
            """;

    @Test
    void expansion_namesLikeJmh_inAStableOrder_withEveryPlaceholderReplaced() throws IOException {
        Suite suite = parse(BUS);
        List<String> lines = new ArrayList<>();
        for (BenchmarkEntry e : suite.benchmarks()) {
            LoadSpec l = e.load();
            HttpTarget http = l.target().http();
            lines.add(l.name() + " | "
                    + (http != null
                            ? http.url() + " " + http.headers() + " " + http.body() + " users="
                                    + l.load().users()
                            : "java params=" + l.target().java().params() + " rate="
                                    + l.load().rate()));
        }
        String text = String.join("\n", lines) + "\n";
        assertThat(text).isEqualTo(Golden.of("matrix-expansion.txt", text));
        assertThat(suite.benchmarks()).hasSize(8);
        assertThat(suite.benchmarks().get(0).load().name()).isEqualTo("publish[clients=1,size=64]");
        assertThat(suite.benchmarks().get(0).load().load().users())
                .isEqualTo(1); // a whole-value placeholder keeps its type
    }

    @Test
    void identity_isTheNameWithoutBrackets_andTheParameters() {
        assertThat(Matrix.Identity.of("publish[clients=8,size=1024]"))
                .isEqualTo(new Matrix.Identity("publish", Map.of("clients", "8", "size", "1024")));
        assertThat(Matrix.Identity.of("publish[clients=8]/get"))
                .isEqualTo(new Matrix.Identity("publish/get", Map.of("clients", "8")));
        assertThat(Matrix.Identity.of("plain")).isEqualTo(new Matrix.Identity("plain", Map.of()));
        assertThat(Matrix.Identity.of("odd[name]")).isEqualTo(new Matrix.Identity("odd[name]", Map.of()));
        assertThat(Matrix.name("publish", Map.of("size", "64", "clients", "1")))
                .isEqualTo("publish[clients=1,size=64]");
    }

    @Test
    void mistakes_areBadInputNamingTheEntry() {
        String loop = "name: s\nbenchmarks:\n  - load:\n      name: p\n      %s\n"
                + "      target: { http: { url: \"http://{demo-server}/%s\" } }\n      load: { rate: 10/s }\n";
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { size: [] }", "x")))
                .isInstanceOf(PerfException.class)
                .hasMessage(
                        "perf.yaml: benchmarks[0].load.matrix.size: an axis needs at least one value, e.g. size: [1, 8]");
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { size: [1] }", "${param.sise}")))
                .hasMessage("perf.yaml: benchmarks[0].load: ${param.sise} names no matrix axis; axes: size");
        assertThatThrownBy(() ->
                        parse(String.format(loop, "seed: 1", "${param.size}").replace("      seed: 1\n", "")))
                .hasMessageContaining(
                        "${param.size} names no matrix axis; add matrix: { size: [...] } to this load entry");
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { size: [[1]] }", "x")))
                .hasMessageContaining("values are numbers or text");
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { mtrix: 1 }", "x")))
                .hasMessageContaining("an axis needs at least one value");
        // the marks of an expanded name cannot be in a value or an axis name: the identity would not read back
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { size: [\"1,2\", 3] }", "x")))
                .hasMessage("perf.yaml: benchmarks[0].load.matrix.size: the value '1,2' contains , = [ or ]: they"
                        + " spell the loop's name, e.g. publish[clients=8]; choose another");
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { \"a=b\": [1] }", "x")))
                .hasMessageContaining("the axis name 'a=b' contains , = [ or ]");
        assertThatThrownBy(() -> parse(String.format(loop, "matrix: { size: [8, 8] }", "x")))
                .hasMessageContaining("matrix.size: the value '8' is given twice");
        assertThatThrownBy(() -> parse(String.format(loop, "seed: 1", "x")
                        .replace("      seed: 1\n", "")
                        .replace("name: p", "name: \"p[0]\"")))
                .hasMessageContaining("load.name 'p[0]' contains [: it marks a matrix combination");
    }

    @Test
    void moreThanAThousandLoops_needForce() {
        StringBuilder axis = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            axis.append(i == 0 ? "" : ", ").append(i);
        }
        Suite big = parse(
                "name: s\nbenchmarks:\n  - load:\n      name: p\n      matrix: { a: [" + axis + "], b: [" + axis
                        + "] }\n      target: { http: { url: \"http://{demo-server}/\" } }\n      load: { rate: 10/s }\n");
        assertThat(big.benchmarks()).hasSize(1600);
        assertThatThrownBy(() -> Matrix.checkSize(big, false, "perf.yaml"))
                .hasMessage("perf.yaml: the matrix of load 'p' expands to 1600 loops (more than 1000); trim an axis, or"
                        + " run them with --force");
        Matrix.checkSize(big, true, "perf.yaml");
    }
}
