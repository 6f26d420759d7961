package dev.perf.host;

import java.util.function.Supplier;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.spi.SystemInfoProvider;

/**
 * What the host sampler reads of the machine each second: CPU use since its previous read, the load average and
 * memory in use. Linux's /proc directly where it is there, else OSHI. One thread at a time.
 */
interface MachineGauge extends AutoCloseable {
    /**
     * CPU use since the previous call (the first: since the gauge was made), % of all cores: {@code [0]} the
     * machine's, {@code [1]} its busiest core's; NaN when not known.
     */
    double[] cpuPercents();

    /** The 1-minute load average, NaN when not known. */
    double loadAverage();

    /** Memory in use (total − available), bytes; −1 when not known. */
    long memoryUsedBytes();

    /** Lets go of what it holds open. */
    @Override
    default void close() {}

    /** The gauge for this machine; {@code oshi} is asked only where there is no /proc. */
    static MachineGauge create(Supplier<SystemInfoProvider> oshi) {
        return ProcFs.available() ? new Proc() : new Oshi(oshi.get());
    }

    /** /proc/stat, /proc/loadavg and /proc/meminfo, parsed by {@link ProcFs}. */
    final class Proc implements MachineGauge {
        private final ProcFs.OpenFile stat = ProcFs.OpenFile.open(ProcFs.ROOT.resolve("stat"));
        private final ProcFs.OpenFile loadavg = ProcFs.OpenFile.open(ProcFs.ROOT.resolve("loadavg"));
        private final ProcFs.OpenFile meminfo = ProcFs.OpenFile.open(ProcFs.ROOT.resolve("meminfo"));
        private long[][] ticks = ProcFs.cpuTicks(stat.read());

        @Override
        public double[] cpuPercents() {
            long[][] now = ProcFs.cpuTicks(stat.read());
            long[][] before = ticks;
            ticks = now == null ? before : now;
            if (now == null || before == null) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double busiest = Double.NaN;
            for (int core = 1; core < Math.min(now.length, before.length); core++) {
                double b = ProcFs.busy(before[core], now[core]);
                busiest = Double.isNaN(busiest) || b > busiest ? b : busiest;
            }
            return new double[] {ProcFs.busy(before[0], now[0]) * 100, busiest * 100};
        }

        @Override
        public double loadAverage() {
            return ProcFs.loadAverage(loadavg.read());
        }

        @Override
        public long memoryUsedBytes() {
            return ProcFs.memoryUsedBytes(meminfo.read());
        }

        @Override
        public void close() {
            stat.close();
            loadavg.close();
            meminfo.close();
        }
    }

    /** OSHI's view, where there is no /proc (macOS, Windows). */
    final class Oshi implements MachineGauge {
        private final CentralProcessor cpu;
        private final GlobalMemory memory;
        private long[] systemTicks;
        private long[][] coreTicks;

        Oshi(SystemInfoProvider si) {
            this.cpu = si.getHardware().getProcessor();
            this.memory = si.getHardware().getMemory();
            this.systemTicks = cpu.getSystemCpuLoadTicks();
            this.coreTicks = cpu.getProcessorCpuLoadTicks();
        }

        @Override
        public double[] cpuPercents() {
            double system = cpu.getSystemCpuLoadBetweenTicks(systemTicks) * 100;
            systemTicks = cpu.getSystemCpuLoadTicks();
            double busiest = 0;
            for (double core : cpu.getProcessorCpuLoadBetweenTicks(coreTicks)) {
                busiest = Math.max(busiest, core * 100);
            }
            coreTicks = cpu.getProcessorCpuLoadTicks();
            return new double[] {system, busiest};
        }

        @Override
        public double loadAverage() {
            double[] load = cpu.getSystemLoadAverage(1);
            return load.length > 0 && load[0] >= 0 ? load[0] : Double.NaN;
        }

        @Override
        public long memoryUsedBytes() {
            return memory.getTotal() - memory.getAvailable();
        }
    }
}
