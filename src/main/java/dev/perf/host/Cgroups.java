package dev.perf.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories of this process's cgroup for one controller, from {@code /proc/self/cgroup}: v1's controller
 * hierarchy (on a hybrid machine the v2 line names a hierarchy without it), then v2's unified one; each with its
 * own path and, for a container whose cgroup directory is mounted as the root, the root. Pure but for reading
 * {@code proc/self/cgroup} under {@code root}.
 */
final class Cgroups {
    private Cgroups() {}

    /** The directories that may hold {@code controller}'s files for this process, most specific first. */
    static List<Path> dirs(Path root, String controller) {
        Path cgroupFs = root.resolve("sys/fs/cgroup");
        List<String> lines = SysFiles.lines(root.resolve("proc/self/cgroup"));
        List<Path> v1 = new ArrayList<>();
        List<Path> v2 = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            String path = f[2].startsWith("/") ? f[2].substring(1) : f[2];
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2.add(cgroupFs.resolve(path));
                v2.add(cgroupFs);
            } else if (List.of(f[1].split(",", -1)).contains(controller)) {
                for (String dir : List.of(f[1], controller, controller + ",cpuacct")) {
                    v1.add(cgroupFs.resolve(dir).resolve(path));
                    v1.add(cgroupFs.resolve(dir));
                }
            }
        }
        v1.addAll(v2);
        return v1.stream().distinct().toList();
    }
}
