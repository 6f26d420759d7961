package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.MonitoredProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes a load loop watches: found by pid, pid file, listening port or name; a JVM's heap read from
 * its published counters; one that does not exist, or exits during the loop, noted rather than failing.
 */
class MonitoredProcessesTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aJvmsHeapInUse_isReadFromItsCounters_likeJstat() {
        HsPerfData counters = HsPerfData.open(SELF);
        assertThat(counters).as("this JVM publishes hsperfdata").isNotNull();
        long fromCounters = counters.heapUsedBytes();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        // both are the heap in use, read moments apart: the same order of magnitude, within the committed heap
        assertThat(fromCounters).isPositive().isLessThanOrEqualTo(heap.getCommitted());
        assertThat(HsPerfData.open(Long.MAX_VALUE)).isNull();
    }

    @Test
    @Tag("slow")
    void processesAreFound_byPidPidFilePortAndName_andTheMissingOnesNoted() throws Exception {
        Path pidFile = Files.writeString(dir.resolve("app.pid"), SELF + "\n");
        Path garbage = Files.writeString(dir.resolve("bad.pid"), "not a pid\n");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<MonitorTarget> targets = List.of(
                    new MonitorTarget("pid " + SELF, SELF, null, null, null),
                    new MonitorTarget("by file", null, null, pidFile, null),
                    new MonitorTarget("by port", null, null, null, listener.getLocalPort()),
                    new MonitorTarget("gone", 2_147_483_646L, null, null, null),
                    new MonitorTarget("nameless", null, "^no-such-process-here$", null, null),
                    new MonitorTarget("bad file", null, null, garbage, null),
                    new MonitorTarget("no file", null, null, dir.resolve("missing.pid"), null));
            HostSampler sampler = HostSampler.start(targets);
            assertThat(sampler.notes())
                    .containsExactly(
                            "monitor gone: not found: no such process; not sampled",
                            "monitor nameless: not found: no process is named like '^no-such-process-here$'; not"
                                    + " sampled",
                            "monitor bad file: not found: " + garbage + " holds no pid; not sampled",
                            "monitor no file: not found: cannot read " + dir.resolve("missing.pid")
                                    + " (NoSuchFileException); not sampled");
            Thread.sleep(1_200);
            HostSampler.Taken taken = sampler.stop();
            for (MonitoredProcess m : taken.monitors().subList(0, 3)) {
                assertThat(m.pid()).as(m.label()).isEqualTo(SELF);
                assertThat(m.command()).isEqualTo("java");
                assertThat(m.note()).isNull();
                assertThat(m.samples()).isNotEmpty().allSatisfy(s -> {
                    assertThat(s.rssBytes()).isPositive();
                    assertThat(s.heapUsedBytes()).isPositive();
                });
            }
            assertThat(taken.monitors().subList(3, 7)).allSatisfy(m -> {
                assertThat(m.pid()).isEqualTo(-1);
                assertThat(m.samples()).isEmpty();
            });
            // the first watched process is the host samples' "monitored" one
            assertThat(taken.host())
                    .allSatisfy(h -> assertThat(h.monitoredRssBytes()).isPositive());
        }
    }

    @Test
    @Tag("slow")
    void aProcessThatExitsDuringTheLoop_isSampledUntilThen_andTheSecondNoted() throws Exception {
        Process shortLived = new ProcessBuilder("sleep", "1").start();
        HostSampler sampler =
                HostSampler.start(List.of(new MonitorTarget("sleeper", shortLived.pid(), null, null, null)));
        assertThat(sampler.notes()).isEmpty();
        assertThat(shortLived.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1_500);
        HostSampler.Taken taken = sampler.stop();
        MonitoredProcess m = taken.monitors().get(0);
        assertThat(m.command()).isEqualTo("sleep");
        assertThat(m.note()).matches("exited during second [1-3] of the loop; sampled until then");
        assertThat(m.samples()).allSatisfy(s -> assertThat(s.heapUsedBytes()).isEqualTo(-1));
        assertThat(sampler.notes()).containsExactly("monitor sleeper: " + m.note());
        // the host samples go on without it
        assertThat(taken.host().size()).isGreaterThan(m.samples().size());
    }
}
