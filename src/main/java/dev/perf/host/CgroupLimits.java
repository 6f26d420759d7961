package dev.perf.host;

import dev.perf.result.Environment;
import java.nio.file.Path;

/**
 * The CPU and memory limits of perf's cgroup — a container's {@code --cpus} and {@code --memory}, a Kubernetes
 * pod's limits, a systemd slice's quota — which bound what a run can measure as surely as the machine's cores:
 * cgroup v2's {@code cpu.max} ({@code QUOTA PERIOD} or {@code max}) and {@code memory.max}, v1's
 * {@code cpu.cfs_quota_us}/{@code cpu.cfs_period_us} ({@code -1}: none) and {@code memory.limit_in_bytes} (a
 * page-rounded {@code Long.MAX_VALUE}: none).
 */
public final class CgroupLimits {
    private CgroupLimits() {}

    /** A v1 memory limit at or above this is the kernel's "no limit". */
    static final long UNLIMITED = 1L << 60;

    /** The limits under the file-system root {@code root} ({@code /} outside tests); null when there are none. */
    public static Environment.Limits read(Path root) {
        Double cpus = null;
        for (Path dir : Cgroups.dirs(root, "cpu")) {
            cpus = cpus(dir);
            if (cpus != null) {
                break;
            }
        }
        Long memory = null;
        for (Path dir : Cgroups.dirs(root, "memory")) {
            memory = memory(dir);
            if (memory != null) {
                break;
            }
        }
        return cpus == null && memory == null ? null : new Environment.Limits(cpus, memory);
    }

    /** CPUs the quota in {@code dir} allows (1.5 for 150 ms per 100 ms), null for none or no such file. */
    static Double cpus(Path dir) {
        String v2 = SysFiles.firstLine(dir.resolve("cpu.max"));
        try {
            if (v2 != null) {
                String[] f = v2.trim().split("\\s+", -1);
                return f[0].equals("max") || f.length < 2 ? null : Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
            }
            String quota = SysFiles.firstLine(dir.resolve("cpu.cfs_quota_us"));
            String period = SysFiles.firstLine(dir.resolve("cpu.cfs_period_us"));
            if (quota == null || period == null || Long.parseLong(quota.trim()) <= 0) {
                return null;
            }
            return Long.parseLong(quota.trim()) / (double) Long.parseLong(period.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Bytes the memory limit in {@code dir} allows, null for none or no such file. */
    static Long memory(Path dir) {
        String v = SysFiles.firstLine(dir.resolve("memory.max"));
        if (v == null) {
            v = SysFiles.firstLine(dir.resolve("memory.limit_in_bytes"));
        }
        if (v == null || v.trim().equals("max")) {
            return null;
        }
        try {
            long bytes = Long.parseLong(v.trim());
            return bytes >= UNLIMITED ? null : bytes;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
