package dev.perf.host;

import dev.perf.result.Environment;
import dev.perf.result.Redaction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.spi.SystemInfoProvider;

/**
 * Fingerprints the machine and JVM through OSHI so that results can be judged comparable. On Linux it uses
 * OSHI's native-free provider (procfs/sysfs only: cheaper, and no JNA under native-image). Every field
 * degrades to null rather than failing the run.
 */
public final class EnvironmentProbe {
    private EnvironmentProbe() {}

    /**
     * Whether perf runs as a GraalVM native image: no JVM of its own, so no JMH forks, no attach to other
     * JVMs and no JFR parsing — those paths say so instead of failing obscurely.
     */
    public static boolean nativeImage() {
        return System.getProperty("org.graalvm.nativeimage.imagecode") != null;
    }

    /** The OSHI entry point for this platform. */
    public static SystemInfoProvider systemInfo() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return new oshi.nativefree.SystemInfo();
        }
        return new oshi.SystemInfo();
    }

    /** Captures the environment now. */
    public static Environment capture() {
        String osText = null;
        String kernel = null;
        String cpuModel = null;
        Integer physical = null;
        Integer logical = Runtime.getRuntime().availableProcessors();
        Long maxFrequency = null;
        Long memory = null;
        Double load = null;
        try {
            SystemInfoProvider si = systemInfo();
            OperatingSystem os = si.getOperatingSystem();
            HardwareAbstractionLayer hal = si.getHardware();
            CentralProcessor cpu = hal.getProcessor();
            osText = (os.getFamily() + " " + os.getVersionInfo().getVersion()).trim();
            kernel = os.getVersionInfo().getBuildNumber();
            cpuModel = cpu.getProcessorIdentifier().getName().trim();
            physical = cpu.getPhysicalProcessorCount();
            logical = cpu.getLogicalProcessorCount();
            long hz = cpu.getMaxFreq();
            maxFrequency = hz > 0 ? hz : null;
            memory = hal.getMemory().getTotal();
            double[] averages = cpu.getSystemLoadAverage(1);
            load = averages.length > 0 && averages[0] >= 0 ? averages[0] : null;
        } catch (RuntimeException | LinkageError e) {
            // OSHI cannot read this platform: keep what the JVM itself knows.
            osText = System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
        return new Environment(
                osText,
                kernel != null ? kernel : System.getProperty("os.version"),
                System.getProperty("os.arch"),
                cpuModel,
                physical,
                logical,
                maxFrequency,
                memory,
                SysFiles.firstLine(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")),
                container(),
                CgroupLimits.read(Path.of("/")),
                load,
                new Environment.Jvm(
                        System.getProperty("java.vm.vendor"),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.runtime.version"),
                        Redaction.jvmArguments(
                                ManagementFactory.getRuntimeMXBean().getInputArguments())),
                null);
    }

    /** The container runtime this process runs in, or null: marker files, then cgroup names. */
    static String container() {
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            return "kubernetes";
        }
        if (Files.exists(Path.of("/.dockerenv"))) {
            return "docker";
        }
        if (Files.exists(Path.of("/run/.containerenv"))) {
            return "podman";
        }
        String cgroup = readAll(Path.of("/proc/1/cgroup"));
        return containerFromCgroup(cgroup);
    }

    /** Recognizes a container runtime from the text of {@code /proc/1/cgroup}. */
    static String containerFromCgroup(String cgroup) {
        if (cgroup == null) {
            return null;
        }
        for (String runtime : new String[] {"kubepods", "docker", "containerd", "lxc", "podman"}) {
            if (cgroup.contains(runtime)) {
                return runtime.equals("kubepods") ? "kubernetes" : runtime;
            }
        }
        return null;
    }

    private static String readAll(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
