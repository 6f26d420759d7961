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
 * @param loadAverage1m one-minute load average at the start of the run, null when unsupported
 * @param jvm the JVM perf ran on (JMH forks use the same one)
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
        Double loadAverage1m,
        Jvm jvm) {

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
}
