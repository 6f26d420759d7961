package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup CPU counters, read from a fake file-system root laid out as v1, v2 and a hybrid machine. */
class CgroupThrottlingTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void v1_readsThrottledTimeInNanoseconds_fromTheCpuControllersDirectory() throws IOException {
        write("proc/self/cgroup", "4:memory:/x\n2:cpuacct:/\n1:cpu:/perf-it\n0::/\n");
        write("sys/fs/cgroup/cpu/perf-it/cpu.stat", "nr_periods 60\nnr_throttled 40\nthrottled_time 3200000000\n");
        CgroupThrottling t = CgroupThrottling.read(root);
        assertThat(t.throttledNanos()).isEqualTo(3_200_000_000L);
        assertThat(t.throttledTimes()).isEqualTo(40);
    }

    @Test
    void v2_readsThrottledUsec() throws IOException {
        write("proc/self/cgroup", "0::/user.slice/perf\n");
        write("sys/fs/cgroup/user.slice/perf/cpu.stat", "usage_usec 5\nnr_throttled 3\nthrottled_usec 250000\n");
        assertThat(CgroupThrottling.read(root).throttledNanos()).isEqualTo(250_000_000L);
    }

    @Test
    void aContainerWhoseCgroupIsMountedAsTheRoot_readsTheRoot() throws IOException {
        write("proc/self/cgroup", "3:cpu,cpuacct:/docker/0123abcd\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.stat", "nr_throttled 1\nthrottled_time 7\n");
        assertThat(CgroupThrottling.read(root).throttledNanos()).isEqualTo(7);
    }

    @Test
    void noCgroup_isNone_andNeverBound() {
        CgroupThrottling t = CgroupThrottling.read(root);
        assertThat(t).isEqualTo(CgroupThrottling.NONE);
        assertThat(t.until(t).boundReason(1_000_000_000L)).isNull();
    }

    @Test
    void aMaterialShareOfTheWindowThrottled_isGeneratorBound_saySoWithTheFigures() throws IOException {
        write("proc/self/cgroup", "1:cpu:/\n");
        write("sys/fs/cgroup/cpu/cpu.stat", "nr_throttled 10\nthrottled_time 1000000000\n");
        CgroupThrottling before = CgroupThrottling.read(root);
        write("sys/fs/cgroup/cpu/cpu.stat", "nr_throttled 372\nthrottled_time 5800000000\n");
        CgroupThrottling delta = before.until(CgroupThrottling.read(root));
        assertThat(delta.throttledNanos()).isEqualTo(4_800_000_000L);
        assertThat(delta.boundReason(6_000_000_000L))
                .startsWith("perf's cgroup CPU quota throttled it 362 times in the 6.0 s window, holding its threads"
                        + " back 4.80 s in all");
        // 30 ms of a 6 s window, or 1 % of it, is scheduling noise
        CgroupThrottling small = new CgroupThrottling(delta.file(), 30_000_000L, 3);
        assertThat(small.boundReason(6_000_000_000L)).isNull();
        assertThat(new CgroupThrottling(delta.file(), 60_000_000L, 3).boundReason(6_000_000_000L))
                .isNull();
    }
}
