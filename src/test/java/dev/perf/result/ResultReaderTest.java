package dev.perf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_recognizesEachFormatFromContentNotName() throws IOException {
        Path perf = write("a.txt", ResultFiles.serialize(SampleResults.demo()));
        assertThat(ResultReader.read(perf).format()).isEqualTo("perf");
        assertThat(ResultReader.read(perf).thresholds()).isEqualTo(Thresholds.DEFAULTS);
        Path jmh = write("b.data", Files.readAllBytes(Path.of("src/test/resources/jmh-json/good.json")));
        assertThat(ResultReader.read(jmh).format()).isEqualTo("jmh");
        Path hyperfine = write("c.json", Files.readAllBytes(Path.of("src/test/resources/compare/hyperfine.json")));
        Loaded h = ResultReader.read(hyperfine);
        assertThat(h.format()).isEqualTo("hyperfine");
        assertThat(h.benchmarks().get(0).name()).isEqualTo("sleep 0.1");
        assertThat(h.benchmarks().get(0).params()).containsEntry("delay", "0.1");
        assertThat(h.benchmarks().get(0).metric("time").orElseThrow().summary().n())
                .isEqualTo(8);
        Path go = write(
                "d.json",
                "goos: linux\nBenchmarkX-8  100  12.5 ns/op  16 B/op  1 allocs/op\nBenchmarkX-8 100 13.5 ns/op 16 B/op 1 allocs/op\n");
        Loaded g = ResultReader.read(go);
        assertThat(g.format()).isEqualTo("go");
        assertThat(g.benchmarks().get(0).name()).isEqualTo("X-8");
        assertThat(g.benchmarks().get(0).metrics())
                .extracting(Metric::name)
                .containsExactly("ns/op", "B/op", "allocs/op");
        assertThat(g.benchmarks().get(0).metric("ns/op").orElseThrow().summary().median())
                .isEqualTo(13.0);
    }

    @Test
    void goText_unitLinesDeclareExactAndHigherIsBetter() {
        Loaded g = ResultReader.parse(
                ("Unit text-bytes assume=exact\nUnit MB/s better=higher\n" + "BenchmarkA 1 100 text-bytes 50 MB/s\n")
                        .getBytes(StandardCharsets.UTF_8),
                "x");
        assertThat(g.exactUnits()).containsExactly("text-bytes");
        assertThat(g.benchmarks().get(0).metric("MB/s").orElseThrow().better()).isEqualTo(Better.HIGHER);
    }

    @Test
    void read_badInputSaysWhatWasExpected() throws IOException {
        String expected = "(expected perf JSON, JMH JSON, hyperfine JSON or Go benchmark text)";
        assertThatThrownBy(() -> ResultReader.read(write("empty", "")))
                .hasMessageContaining("the file is empty")
                .hasMessageEndingWith(expected);
        assertThatThrownBy(() -> ResultReader.read(write("bin", new byte[] {1, 2, 0, 3})))
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> ResultReader.read(write("trunc.json", "{\"schema\": \"perf-result/1\", \"run\": {")))
                .hasMessageContaining("invalid or truncated JSON at line 1");
        assertThatThrownBy(() -> ResultReader.read(write("other.json", "{\"hello\": 1}")))
                .hasMessageContaining("unrecognised JSON");
        assertThatThrownBy(() -> ResultReader.read(write("notes.txt", "just some notes\n")))
                .hasMessageContaining("no benchmark results found");
        assertThatThrownBy(() -> ResultReader.read(write("v2.json", "{\"schema\": \"perf-result/2\"}")))
                .hasMessageContaining("it is perf-result/2, this perf reads perf-result/1");
        assertThatThrownBy(() -> ResultReader.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ResultReader.read(dir)).hasMessageContaining("it is a directory");
        assertThatThrownBy(() -> ResultReader.read(write("empty-array.json", "[]")))
                .hasMessageContaining("holds no benchmarks");
    }
}
