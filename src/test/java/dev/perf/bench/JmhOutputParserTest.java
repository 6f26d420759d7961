package dev.perf.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden JMH 1.37 output captured from real runs of the test fixtures. */
class JmhOutputParserTest {

    private static final class Recorder implements JmhListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void benchmarkStarted(String displayName) {
            events.add("start " + displayName);
        }

        @Override
        public void iterationFinished(String displayName, boolean warmup) {
            events.add((warmup ? "warmup " : "iteration ") + displayName);
        }

        @Override
        public void benchmarkFinished(String displayName, boolean ok, int skippedIterations) {
            events.add((ok ? "ok " : "failed ") + displayName + " skipped=" + skippedIterations);
        }

        @Override
        public void benchmarkInterrupted(String displayName, int skippedIterations) {
            events.add("interrupted " + displayName + " skipped=" + skippedIterations);
        }
    }

    private static JmhOutputParser feed(String resource, JmhListener listener, int perBenchmark) throws IOException {
        JmhOutputParser parser = new JmhOutputParser(listener, perBenchmark);
        try (InputStream in = JmhOutputParserTest.class.getResourceAsStream("/jmh-output/" + resource)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(parser::accept);
        }
        parser.end();
        return parser;
    }

    @Test
    void aBenchmarkCutByPerf_isInterrupted_notFailed() throws IOException {
        Recorder recorder = new Recorder();
        JmhOutputParser parser = new JmhOutputParser(recorder, 6);
        List<String> lines;
        try (InputStream in = JmhOutputParserTest.class.getResourceAsStream("/jmh-output/good-2forks.log")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        // up to the first measurement iteration of the first benchmark, then perf stops the fork
        int at = 0;
        while (!lines.get(at).startsWith("Iteration   1")) {
            parser.accept(lines.get(at++));
        }
        parser.accept(lines.get(at));
        parser.cut();
        parser.end();
        assertThat(recorder.events).noneMatch(e -> e.startsWith("failed ")).anyMatch(e -> e.startsWith("interrupted "));
        assertThat(parser.finished()).isEmpty();
    }

    @Test
    void failuresAndCrashedForks_carryTheirErrorText() throws IOException {
        Recorder recorder = new Recorder();
        // -f 2 -wi 1 -i 2: six iterations per benchmark
        JmhOutputParser parser = feed("failing-crashing-good.log", recorder, 6);
        assertThat(parser.started())
                .extracting(JmhOutputParser.Seen::name)
                .containsExactly("fixture.CrashingBench.crash", "fixture.FailingBench.boom", "fixture.GoodBench.sum");
        JmhOutputParser.Seen crash = parser.started().get(0);
        assertThat(crash.mode()).isEqualTo("thrpt");
        assertThat(crash.error()).startsWith("forked VM failed with exit code 42");
        JmhOutputParser.Seen boom = parser.started().get(1);
        assertThat(boom.error())
                .startsWith("java.lang.IllegalStateException: boom from the fixture")
                .contains("at fixture.FailingBench.boom");
        JmhOutputParser.Seen good = parser.started().get(2);
        assertThat(good.error()).isNull();
        assertThat(good.params()).containsEntry("size", "8");
        assertThat(recorder.events)
                .contains(
                        "failed fixture.CrashingBench.crash skipped=6",
                        "failed fixture.FailingBench.boom skipped=6",
                        "ok fixture.GoodBench.sum(size=8) skipped=0");
        assertThat(recorder.events.stream().filter(e -> e.startsWith("iteration fixture.GoodBench")))
                .hasSize(4);
        assertThat(recorder.events.stream().filter(e -> e.startsWith("warmup fixture.GoodBench")))
                .hasSize(2);
    }

    @Test
    void finished_rebuildsScoresFromTextWithinJmhRounding() throws IOException {
        JmhOutputParser parser = feed("good-2forks.log", JmhListener.NONE, 6);
        BenchmarkResult b = parser.finished().get(0);
        Metric score = b.metric("score").orElseThrow();
        // the JSON of the same run: [[15.968, 32.632, 13.472], [15.447, 19.316, 11.170]]
        assertThat(score.samples()).hasSize(2);
        assertThat(score.samples().get(0)).containsExactly(15.968, 32.632, 13.472);
        assertThat(score.samples().get(1)).containsExactly(15.447, 19.316, 11.170);
        assertThat(score.summary().mean()).isCloseTo(18.0007, offset(1e-3));
        assertThat(b.metric("gc.alloc.rate.norm").orElseThrow().samples())
                .hasSize(2)
                .allSatisfy(fork -> assertThat(fork).hasSize(3));
        assertThat(b.metric("gc.alloc.rate.norm").orElseThrow().unit()).isEqualTo("B/op");
    }

    @Test
    void number_readsJmhFormsInAnyLocale() {
        assertThat(JmhOutputParser.number("12.345")).isEqualTo(12.345);
        assertThat(JmhOutputParser.number("12,345")).isEqualTo(12.345);
        assertThat(JmhOutputParser.number("1,234.5")).isEqualTo(1234.5);
        assertThat(JmhOutputParser.number("≈ 10⁻⁴")).isNaN();
        assertThat(JmhOutputParser.number("NaN")).isNaN();
    }

    @Test
    void modeOf_mapsJmhLongNames() {
        assertThat(JmhOutputParser.modeOf("Throughput")).isEqualTo("thrpt");
        assertThat(JmhOutputParser.modeOf("Average time")).isEqualTo("avgt");
        assertThat(JmhOutputParser.modeOf("Sampling time")).isEqualTo("sample");
        assertThat(JmhOutputParser.modeOf("Single shot invocation time")).isEqualTo("ss");
    }
}
