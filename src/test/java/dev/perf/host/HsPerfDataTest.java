package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.testing.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM's start-up, as its hsperfdata counters tell it. */
class HsPerfDataTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void aStartedJvm_hasCreatedItsVm_andNoJvmHasNot() throws Exception {
        Process p = new ProcessBuilder(JAVA, "-cp", Fixtures.profileTarget().toString(), "SpinTarget", "20")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!HsPerfData.createdVm(p.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(HsPerfData.createdVm(p.pid())).isTrue();
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(HsPerfData.createdVm(ProcessHandle.current().pid() + 1_000_000))
                .isFalse();
    }
}
