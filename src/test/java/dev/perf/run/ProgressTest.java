package dev.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plain_printsAtMostOneLinePerIntervalAndOneLinePerBenchmark() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Progress.Plain plain = new Progress.Plain(err, 10, Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            plain.iterationFinished("a.B.c", false);
        }
        plain.benchmarkFinished("a.B.c", true, 0);
        plain.benchmarkFinished("a.B.d", false, 6);
        assertThat(buffer.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("perf: done a.B.c", "perf: FAILED a.B.d");
        assertThat(plain.line(System.nanoTime(), "B.c")).startsWith("perf: 100% (10/10 iterations), ETA 0:00");
    }

    @Test
    void plain_forksInRounds_sayWhichForkIsDone_andDoneOnlyAfterTheLast() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Progress.Plain plain = new Progress.Plain(err, 10, Duration.ofHours(1));
        for (int r = 1; r <= 3; r++) {
            plain.round(r, 3);
            plain.benchmarkFinished("a.B.c", true, 0);
            if (r == 2) {
                plain.benchmarkFinished("a.B.d", false, 0);
            }
            plain.round(1, 1);
        }
        plain.round(3, 3);
        plain.benchmarkInterrupted("a.B.e", 0);
        plain.round(1, 1);
        plain.benchmarkFinished("load", true, 0);
        assertThat(buffer.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "perf: fork 1 of 3 done: a.B.c",
                        "perf: fork 2 of 3 done: a.B.c",
                        "perf: FAILED a.B.d (fork 2 of 3)",
                        "perf: done a.B.c (3 forks)",
                        "perf: interrupted a.B.e in fork 3 of 3 (its fork was stopped: not a failure)",
                        "perf: done load");
    }

    @Test
    void plain_namesWithControlCharacters_neverStartALineOrAnEscape() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Progress.Plain plain = new Progress.Plain(err, 10, Duration.ofHours(1));
        String hostile = "x\n::warning::INJECTED\u001b[31mred\r";
        plain.benchmarkFinished(hostile, true, 0);
        plain.loadSecond(hostile, 1, 1, 100, 2000, 0);
        plain.note(hostile, "monitor " + hostile);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("perf: "));
        assertThat(text).doesNotContain("\u001b").doesNotContain("\r").contains("x?::warning::INJECTED?[31mred?");
    }

    @Test
    void quiet_printsNothing() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Progress p = Progress.create(new PrintStream(buffer, true, StandardCharsets.UTF_8), 5, true, false)) {
            p.iterationFinished("x", false);
            p.benchmarkFinished("x", true, 0);
        }
        assertThat(buffer.size()).isZero();
    }

    @Test
    void shortName_keepsClassMethodAndParameters() {
        assertThat(Progress.shortName("dev.perf.demo.TenantCacheBench.hit(tenants=1000)"))
                .isEqualTo("TenantCacheBench.hit(tenants=1000)");
        assertThat(Progress.shortName("Bench.run")).isEqualTo("Bench.run");
    }

    @Test
    void clock_formatsMinutesAndSeconds() {
        assertThat(Progress.clock(Duration.ofSeconds(125))).isEqualTo("2:05");
    }
}
