package dev.perf.host;

import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads one process through OSHI, sample after sample: its CPU use since the previous read, its resident set
 * size and its thread count. One thread at a time.
 */
final class ProcessReader {
    private final OperatingSystem os;
    private final int pid;
    private OSProcess previous;

    ProcessReader(OperatingSystem os, int pid) {
        this.os = os;
        this.pid = pid;
        this.previous = os.getProcess(pid);
    }

    /**
     * The process now: CPU % of one core since the last read (NaN at first), RSS, threads; null when it is gone
     * (or its pid now belongs to a process started since).
     */
    ProcessSampler.Sample read(long second) {
        OSProcess now = os.getProcess(pid);
        if (now == null || (previous != null && now.getStartTime() != previous.getStartTime())) {
            return null;
        }
        double cpu = previous == null ? Double.NaN : now.getProcessCpuLoadBetweenTicks(previous) * 100;
        // over a few ms the tick counts can read above what the cores can give: no process uses more
        cpu = Math.min(cpu, 100.0 * Runtime.getRuntime().availableProcessors());
        previous = now;
        return new ProcessSampler.Sample(second, cpu, now.getResidentMemory(), now.getThreadCount());
    }
}
