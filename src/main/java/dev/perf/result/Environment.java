package dev.perf.result;

import java.util.List;

/**
 * The machine and JVM a run was made on, so that two results can be judged comparable. Any field may be
 * null when it cannot be determined. Immutable.
 *
 * @param os operating system family and version, e.g. {@code GNU/Linux Debian 12}
 * @param kernel kernel version
 * @param arch CPU architecture ({@code os.arch})
 * @param cpuModel CPU model name
 * @param physicalCores physical cores
 * @param logicalCores logical processors (hardware threads)
 * @param maxFrequencyHz maximum CPU frequency in Hz, null when unknown
 * @param memoryBytes total physical memory in bytes
 * @param governor CPU frequency governor of cpu0 (Linux), e.g. {@code performance}
 * @param container container runtime detected ({@code docker}, {@code kubernetes}, ...), null when none
 * @param limits the CPU and memory limits of perf's cgroup (a container's, a pod's), null when none
 * @param loadAverage1m one-minute load average at the start of the run, null when unsupported
 * @param jvm the JVM perf ran on
 * @param forks the JVM JMH's forks ran on, as JMH's own result tells it; null when no JMH benchmark ran
 */
public record Environment(
        String os,
        String kernel,
        String arch,
        String cpuModel,
        Integer physicalCores,
        Integer logicalCores,
        Long maxFrequencyHz,
        Long memoryBytes,
        String governor,
        String container,
        Limits limits,
        Double loadAverage1m,
        Jvm jvm,
        Forks forks) {

    /** This environment with the forks' JVM as JMH reported it. */
    public Environment withForks(Forks value) {
        return new Environment(
                os,
                kernel,
                arch,
                cpuModel,
                physicalCores,
                logicalCores,
                maxFrequencyHz,
                memoryBytes,
                governor,
                container,
                limits,
                loadAverage1m,
                jvm,
                value);
    }

    /** Only the forks' JVM: what a JMH result file tells of its run. */
    public static Environment ofForks(Forks value) {
        return new Environment(null, null, null, null, null, null, null, null, null, null, null, null, null, value);
    }

    /**
     * A cgroup's limits.
     *
     * @param cpus CPUs its quota allows (1.5: 150 ms of CPU per 100 ms), null for no quota
     * @param memoryBytes bytes of memory it may use, null for no limit
     */
    public record Limits(Double cpus, Long memoryBytes) {
        /** {@code limits} in words: {@code 1.5 CPUs, 2048 MB}; {@code none} for null. */
        public static String describe(Limits limits) {
            if (limits == null) {
                return "none";
            }
            return (limits.cpus == null
                            ? "no CPU quota"
                            : java.math.BigDecimal.valueOf(limits.cpus)
                                            .stripTrailingZeros()
                                            .toPlainString() + " CPUs")
                    + ", "
                    + (limits.memoryBytes == null
                            ? "no memory limit"
                            : limits.memoryBytes / (1024 * 1024) + " MB of memory");
        }
    }

    /**
     * The JVM.
     *
     * @param vendor {@code java.vm.vendor}
     * @param name {@code java.vm.name}
     * @param version {@code java.runtime.version}
     * @param args input arguments of the JVM
     */
    public record Jvm(String vendor, String name, String version, List<String> args) {
        public Jvm {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /**
     * The JVM JMH's forks ran on, from JMH's own result file: it differs from perf's when a suite names its
     * own {@code jvm:} or {@code --jvm-args} are given, and a jar runs its own JMH.
     *
     * @param jmhVersion the JMH version that ran them
     * @param jdkVersion the forks' {@code java.version}
     * @param vmName the forks' {@code java.vm.name}
     * @param vmVersion the forks' {@code java.vm.version}
     * @param jvmArgs the forks' JVM flags (JMH's own and the user's, as the fork saw them)
     */
    public record Forks(String jmhVersion, String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs) {
        public Forks {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        }
    }
}
