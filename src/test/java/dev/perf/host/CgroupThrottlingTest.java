package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perf.result.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup files perf reads — the CPU throttling counters and the CPU and memory limits — from a fake file-system
 * root laid out as v1, v2 and a hybrid machine.
 */
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

    @Test
    void v2_quotaAndMemoryMax() throws IOException {
        write("proc/self/cgroup", "0::/kubepods/pod1/c1\n");
        write("sys/fs/cgroup/kubepods/pod1/c1/cpu.max", "150000 100000\n");
        write("sys/fs/cgroup/kubepods/pod1/c1/memory.max", "2147483648\n");
        Environment.Limits l = CgroupLimits.read(root);
        assertThat(l).isEqualTo(new Environment.Limits(1.5, 2_147_483_648L));
        assertThat(Environment.Limits.describe(l)).isEqualTo("1.5 CPUs, 2048 MB of memory");
    }

    @Test
    void v2_unlimited_isNoLimits() throws IOException {
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/cpu.max", "max 100000\n");
        write("sys/fs/cgroup/memory.max", "max\n");
        assertThat(CgroupLimits.read(root)).isNull();
    }

    @Test
    void v1_quotaAndMemoryLimit_andTheKernelsNoLimit() throws IOException {
        write("proc/self/cgroup", "4:memory:/docker/abc\n1:cpu,cpuacct:/docker/abc\n");
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
        assertThat(CgroupLimits.read(root)).isEqualTo(new Environment.Limits(0.5, null));
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n");
        write("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "536870912\n");
        assertThat(CgroupLimits.read(root)).isEqualTo(new Environment.Limits(null, 536_870_912L));
        assertThat(Environment.Limits.describe(null)).isEqualTo("none");
    }

    @Test
    void noCgroupFiles_isNoLimits() {
        assertThat(CgroupLimits.read(root)).isNull();
    }
}
