package dev.perf.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.cli.ExitCodes;
import dev.perf.result.PerfException;
import dev.perf.testing.CliRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process holding JMH's lock: perf waits for it, or fails with exit 3 naming it. */
@Tag("slow") // runs JMH forks, load loops, a profiler or a browser against the wall clock
class JmhLockTest {
    @TempDir
    Path dir;

    /** Starts a JVM that holds {@code lock} for {@code millis}; returns once it holds it. */
    static Process holder(Path lock, long millis) throws IOException {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "src/test/resources/fixtures/lock/HoldLock.java",
                        lock.toString(),
                        Long.toString(millis))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return p;
    }

    @Test
    void await_heldPastTheTimeout_isBadInputNamingTheLock() throws Exception {
        Path lock = dir.resolve("jmh.lock");
        Process p = holder(lock, 3_000);
        try {
            List<String> said = new ArrayList<>();
            assertThatThrownBy(() -> JmhLock.await(lock, Duration.ofMillis(300), said::add))
                    .isInstanceOf(PerfException.class)
                    .hasMessageContaining("another JMH holds its lock file " + lock)
                    .hasMessageContaining("--lock-timeout");
            assertThat(said).singleElement().asString().contains("waiting for JMH's lock file");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void await_returnsOnceTheOtherProcessLetsGo() throws Exception {
        Path lock = dir.resolve("jmh.lock");
        Process p = holder(lock, 700);
        try {
            JmhLock.await(lock, Duration.ofSeconds(20), line -> {});
            assertThat(p.waitFor()).isZero();
        } finally {
            p.destroy();
        }
    }

    @Test
    void await_freeLock_returnsAtOnce() {
        List<String> said = new ArrayList<>();
        JmhLock.await(dir.resolve("jmh.lock"), Duration.ZERO, said::add);
        assertThat(said).isEmpty();
    }

    @Test
    void run_whileAnotherJmhHoldsTheLock_exitsThreeWithTheReason_neverFailedBenchmarks() throws Exception {
        Process p = holder(JmhLock.file(), 4_000);
        try {
            CliRun r = CliRun.perf(
                    "run",
                    "--only",
                    "StateMachineBench",
                    "-f",
                    "1",
                    "-i",
                    "1",
                    "-wi",
                    "0",
                    "-r",
                    "100ms",
                    "--lock-timeout",
                    "500ms",
                    "-o",
                    dir.resolve("r.json").toString(),
                    "--no-progress");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains("another JMH holds its lock file").doesNotContain("FAILED");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
