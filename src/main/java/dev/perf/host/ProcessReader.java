package dev.perf.host;

import java.nio.file.Path;
import java.util.function.Supplier;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads one process, sample after sample: its CPU use since the previous read, its resident set size and its
 * thread count. Linux's /proc directly where it is there, else OSHI. One thread at a time.
 */
interface ProcessReader extends AutoCloseable {
    /**
     * The process now: CPU % of one core since the last read (NaN at first), RSS, threads; null when it is gone
     * (or its pid now belongs to a process started since).
     */
    ProcessSampler.Sample read(long second);

    /** Lets go of what it holds open. */
    @Override
    default void close() {}

    /** A reader of {@code pid}, read once now; {@code os} is asked only where there is no /proc. */
    static ProcessReader of(Supplier<OperatingSystem> os, int pid) {
        return ProcFs.available() ? new Proc(pid) : new Oshi(os.get(), pid);
    }

    /** Over a few ms the tick counts can read above what the cores can give: no process uses more. */
    private static double capped(double cpuPercent) {
        return Math.min(cpuPercent, 100.0 * Runtime.getRuntime().availableProcessors());
    }

    /** /proc/PID/stat (CPU times, start, threads) and /proc/PID/status (VmRSS), parsed by {@link ProcFs}. */
    final class Proc implements ProcessReader {
        private final ProcFs.OpenFile stat;
        private final ProcFs.OpenFile status;
        private ProcFs.ProcessStat previous;
        private long previousNanos;

        Proc(int pid) {
            Path dir = ProcFs.ROOT.resolve(Integer.toString(pid));
            this.stat = ProcFs.OpenFile.open(dir.resolve("stat"));
            this.status = ProcFs.OpenFile.open(dir.resolve("status"));
            this.previousNanos = System.nanoTime();
            this.previous = ProcFs.processStat(stat.read());
        }

        @Override
        public ProcessSampler.Sample read(long second) {
            long nanos = System.nanoTime();
            ProcFs.ProcessStat now = ProcFs.processStat(stat.read());
            long rssKb = ProcFs.kilobytes(status.read(), "VmRSS:");
            if (now == null || (previous != null && now.startTicks() != previous.startTicks())) {
                return null;
            }
            double cpu = previous == null || nanos <= previousNanos
                    ? Double.NaN
                    : capped((now.cpuTicks() - previous.cpuTicks())
                            * 1e9
                            / ProcFs.TICKS_PER_SECOND
                            / (nanos - previousNanos)
                            * 100);
            previous = now;
            previousNanos = nanos;
            // a process without VmRSS (a kernel thread, a zombie) has no resident set
            return new ProcessSampler.Sample(second, cpu, rssKb < 0 ? 0 : rssKb * 1024, now.threads());
        }

        @Override
        public void close() {
            stat.close();
            status.close();
        }
    }

    /** OSHI's view, where there is no /proc. */
    final class Oshi implements ProcessReader {
        private final OperatingSystem os;
        private final int pid;
        private OSProcess previous;

        Oshi(OperatingSystem os, int pid) {
            this.os = os;
            this.pid = pid;
            this.previous = os.getProcess(pid);
        }

        @Override
        public ProcessSampler.Sample read(long second) {
            OSProcess now = os.getProcess(pid);
            if (now == null || (previous != null && now.getStartTime() != previous.getStartTime())) {
                return null;
            }
            double cpu = previous == null ? Double.NaN : capped(now.getProcessCpuLoadBetweenTicks(previous) * 100);
            previous = now;
            return new ProcessSampler.Sample(second, cpu, now.getResidentMemory(), now.getThreadCount());
        }
    }
}
