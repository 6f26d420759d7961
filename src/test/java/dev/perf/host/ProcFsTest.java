package dev.perf.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /proc parsed by hand: generated files with a known truth (cores offline, old kernels' short cpu lines, command
 * names with spaces and parentheses, keys that end other keys), then this machine's own /proc beside OSHI's
 * reading of it.
 */
class ProcFsTest {
    private static final Random SEED = new Random(20261207);

    /** A /proc/stat with the given rows (null: core offline, not listed), columns as a kernel writes them. */
    private static String stat(long[][] rows, int columns) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                continue;
            }
            b.append(r == 0 ? "cpu " : "cpu" + (r - 1)).append(r == 0 ? " " : "");
            for (int c = 0; c < columns; c++) {
                b.append(' ').append(c < rows[r].length ? rows[r][c] : 0);
            }
            b.append('\n');
        }
        return b.append("intr 12345 0 1 2\nctxt 99999\nbtime 1700000000\nprocesses 42\nprocs_running 3\n")
                .append("softirq 1 2 3\n")
                .toString();
    }

    @Test
    void cpuBusyShares_matchTheTicksThatPassed_forRandomMachines() {
        for (int trial = 0; trial < 500; trial++) {
            int cores = 1 + SEED.nextInt(64);
            int columns = SEED.nextBoolean() ? 10 : 7 + SEED.nextInt(4); // 7: a kernel without steal
            long[][] before = new long[cores + 1][];
            long[][] after = new long[cores + 1][];
            double[] truth = new double[cores + 1];
            for (int r = 0; r <= cores; r++) {
                if (r > 0 && cores > 1 && SEED.nextInt(10) == 0) {
                    continue; // offline
                }
                before[r] = new long[10];
                after[r] = new long[10];
                long busy = 0;
                long idle = 0;
                for (int c = 0; c < 10; c++) {
                    before[r][c] = SEED.nextInt(1 << 30);
                    long step = c >= columns || c >= 8 ? 0 : SEED.nextInt(500);
                    after[r][c] = before[r][c] + step;
                    if (c == 3 || c == 4) {
                        idle += step;
                    } else if (c < 8) {
                        busy += step;
                    }
                }
                truth[r] = busy + idle == 0 ? Double.NaN : (double) busy / (busy + idle);
            }
            long[][] a = ProcFs.cpuTicks(stat(before, columns));
            long[][] b = ProcFs.cpuTicks(stat(after, columns));
            for (int r = 0; r <= cores; r++) {
                if (before[r] == null) {
                    assertThat(r < a.length ? a[r] : null).isNull();
                    continue;
                }
                double got = ProcFs.busy(a[r], b[r]);
                if (Double.isNaN(truth[r])) {
                    assertThat(got).isNaN();
                } else {
                    assertThat(got).as("trial %d row %d", trial, r).isCloseTo(truth[r], within(1e-12));
                }
            }
        }
    }

    @Test
    void cpuTicks_ofTextWithoutACpuLine_isNull_andBusyOfNothingIsNaN() {
        assertThat(ProcFs.cpuTicks(null)).isNull();
        assertThat(ProcFs.cpuTicks("")).isNull();
        assertThat(ProcFs.cpuTicks("cpu0 1 2 3 4\nintr 1\n")).isNull();
        assertThat(ProcFs.cpuTicks("cpufreq 1 2\ncpu 1 2 3 4 5 6 7 8\n")[0]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        long[] same = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(ProcFs.busy(same, same)).isNaN();
        assertThat(ProcFs.busy(null, same)).isNaN();
    }

    @Test
    void processStat_countsFieldsFromTheLastParenthesis_whateverTheCommandName() {
        String[] names = {"java", "a b", "(x)", ") (", "1 2 3 4 5", "((((", "))))", "", "tab\there", "é ü"};
        for (int trial = 0; trial < 300; trial++) {
            String name = names[trial % names.length];
            long utime = SEED.nextInt(1 << 28);
            long stime = SEED.nextInt(1 << 28);
            int threads = 1 + SEED.nextInt(5000);
            long start = SEED.nextLong() >>> 20;
            List<String> f = new ArrayList<>();
            f.add(Integer.toString(1 + SEED.nextInt(1 << 22)));
            f.add("(" + name + ")");
            f.add(String.valueOf("RSDZTtXI".charAt(SEED.nextInt(8))));
            for (int field = 4; field <= 52; field++) {
                f.add(
                        switch (field) {
                            case 14 -> Long.toString(utime);
                            case 15 -> Long.toString(stime);
                            case 18, 19 -> Integer.toString(SEED.nextInt(41) - 20); // priority and nice: signed
                            case 20 -> Integer.toString(threads);
                            case 22 -> Long.toString(start);
                            default -> Long.toString(SEED.nextLong() >>> 1 + SEED.nextInt(60));
                        });
            }
            ProcFs.ProcessStat s = ProcFs.processStat(String.join(" ", f) + "\n");
            assertThat(s).as("name '%s'", name).isEqualTo(new ProcFs.ProcessStat(utime + stime, start, threads));
        }
        assertThat(ProcFs.processStat(null)).isNull();
        assertThat(ProcFs.processStat("123 java R 1 2 3")).isNull();
        assertThat(ProcFs.processStat("123 (java) R 1 2 3")).isNull();
    }

    @Test
    void kilobytes_findTheWholeKey_notOneThatEndsWithIt() {
        String meminfo = "MemTotal:       24000000 kB\nMemFree:          100000 kB\nMemAvailable:   20000000 kB\n"
                + "Buffers:            1000 kB\nSwapCached:          77 kB\nCached:          3000000 kB\n";
        assertThat(ProcFs.kilobytes(meminfo, "MemTotal:")).isEqualTo(24_000_000);
        assertThat(ProcFs.kilobytes(meminfo, "Cached:")).isEqualTo(3_000_000);
        assertThat(ProcFs.kilobytes(meminfo, "SwapCached:")).isEqualTo(77);
        assertThat(ProcFs.kilobytes(meminfo, "Active:")).isEqualTo(-1);
        assertThat(ProcFs.kilobytes(null, "MemTotal:")).isEqualTo(-1);
        assertThat(ProcFs.kilobytes("MemTotal:", "MemTotal:")).isEqualTo(-1);
        assertThat(ProcFs.memoryUsedBytes(meminfo)).isEqualTo(4_000_000L * 1024);
        // before Linux 3.14 there is no MemAvailable: free, buffers and cache are available
        String old = meminfo.replace("MemAvailable:   20000000 kB\n", "");
        assertThat(ProcFs.memoryUsedBytes(old)).isEqualTo((24_000_000L - 100_000 - 1000 - 3_000_000) * 1024);
        assertThat(ProcFs.memoryUsedBytes("garbage")).isEqualTo(-1);
    }

    @Test
    void loadAverage_isTheFirstFigure_orNaN() {
        assertThat(ProcFs.loadAverage("0.52 0.58 0.59 2/345 6789\n")).isEqualTo(0.52);
        assertThat(ProcFs.loadAverage("12.00 1 1 1/1 1")).isEqualTo(12.0);
        assertThat(ProcFs.loadAverage("")).isNaN();
        assertThat(ProcFs.loadAverage("x 1 2")).isNaN();
        assertThat(ProcFs.loadAverage(null)).isNaN();
    }

    @Test
    void thisMachine_readsAsOshiReadsIt() throws Exception {
        assumeTrue(ProcFs.available(), "no Linux /proc here");
        var os = EnvironmentProbe.systemInfo().getOperatingSystem();
        int pid = (int) ProcessHandle.current().pid();
        var jvm = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProcessReader ours = new ProcessReader.Proc(pid);
        ProcessReader theirs = new ProcessReader.Oshi(os, pid);
        long wall0 = System.nanoTime();
        long cpu0 = jvm.getProcessCpuTime();
        // spin until the process has used 300 ms of CPU, however loaded the machine (at most 5 s)
        double sink = 0;
        while (jvm.getProcessCpuTime() - cpu0 < 300_000_000L && System.nanoTime() - wall0 < 5_000_000_000L) {
            for (int i = 0; i < 10_000; i++) {
                sink += Math.sqrt(sink + i);
            }
        }
        ProcessSampler.Sample a = ours.read(1);
        double truth = (jvm.getProcessCpuTime() - cpu0) * 100.0 / (System.nanoTime() - wall0);
        ProcessSampler.Sample b = theirs.read(1);
        assertThat(sink).isPositive();
        // /proc counts CPU time in ticks of 10 ms: over the spin's 0.3 s or more, two of them are 7 points at most
        assertThat(a.cpuPercent()).isCloseTo(truth, within(10.0));
        assertThat(a.cpuPercent()).isCloseTo(b.cpuPercent(), within(15.0));
        assertThat((double) a.rssBytes()).isCloseTo(b.rssBytes(), within(0.1 * b.rssBytes()));
        assertThat(a.threads()).isCloseTo(b.threads(), within(5));
        MachineGauge gauge = new MachineGauge.Proc();
        Thread.sleep(500);
        double[] cpu = gauge.cpuPercents();
        assertThat(cpu[0]).isBetween(0.0, 100.0);
        // the busiest core is at least as busy as the mean, but the kernel counts the machine's line and the
        // cores' apart: they may differ by a tick (over 500 ms, 2 % of a core)
        assertThat(cpu[1]).isBetween(cpu[0] - 2.0 - 1e-9, 100.0);
        var memory = EnvironmentProbe.systemInfo().getHardware().getMemory();
        long theirUsed = memory.getTotal() - memory.getAvailable();
        assertThat((double) gauge.memoryUsedBytes()).isCloseTo(theirUsed, within(0.05 * memory.getTotal()));
        assertThat(gauge.loadAverage()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aProcessThatExited_readsAsGone() throws Exception {
        assumeTrue(ProcFs.available(), "no Linux /proc here");
        Process p = new ProcessBuilder("sleep", "30").start();
        ProcessReader r = new ProcessReader.Proc((int) p.pid());
        assertThat(r.read(1)).isNotNull();
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.read(2)).isNull();
    }
}
