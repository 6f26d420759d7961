package dev.perf.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Linux's /proc read directly: the few numbers the samplers take each second, parsed by hand. OSHI reads the
 * same files, but each process read costs it a dozen files and regular expressions — about a millisecond of the
 * load generator's CPU a second, interpreted, at 1 000 requests/s more than the per-second work of the engine
 * itself. The parsers are pure (the text in, the figures out); a file that cannot be read is null.
 */
final class ProcFs {
    /** Where /proc is mounted. */
    static final Path ROOT = Path.of("/proc");

    /** Clock ticks a second of /proc's CPU times (USER_HZ: 100 on every Linux architecture's ABI). */
    static final long TICKS_PER_SECOND = 100;

    /** Columns of a cpu line kept: user, nice, system, idle, iowait, irq, softirq, steal. */
    static final int CPU_COLUMNS = 8;

    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private ProcFs() {}

    /** Whether this machine has a readable /proc of the Linux kind. */
    static boolean available() {
        return Files.isReadable(ROOT.resolve("stat")) && Files.isReadable(ROOT.resolve("self/stat"));
    }

    /**
     * A /proc file kept open and read again from its start: /proc writes its text anew at each read from offset
     * 0, so a sample is one seek and one or two reads — not a path lookup, an open, a channel and a close, each
     * of them code that perf runs only here, interpreted. An open /proc/PID file stays the process's: once it
     * has exited, a read fails (null), even when its pid has been given to another. A file that could not be
     * opened reads as null every time.
     */
    static final class OpenFile implements AutoCloseable {
        /** Null when it could not be opened. */
        private final RandomAccessFile file;

        private byte[] buffer = new byte[4096];

        private OpenFile(RandomAccessFile file) {
            this.file = file;
        }

        /** {@code path} open for reading. */
        static OpenFile open(Path path) {
            try {
                return new OpenFile(new RandomAccessFile(path.toFile(), "r"));
            } catch (IOException | RuntimeException e) {
                return new OpenFile(null);
            }
        }

        /** Its whole text now, or null when it cannot be read. */
        String read() {
            if (file == null) {
                return null;
            }
            try {
                file.seek(0);
                int n = 0;
                for (int got; (got = file.read(buffer, n, buffer.length - n)) > 0; ) {
                    n += got;
                    if (n == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                }
                return new String(buffer, 0, n, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public void close() {
            if (file == null) {
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                // a file only read: nothing was lost
            }
        }
    }

    /**
     * The CPU lines of /proc/stat: row 0 the machine's ({@code cpu}), row i+1 core i's ({@code cpuI}; null when
     * the core is not listed, being offline), each {@link #CPU_COLUMNS} tick counters (missing columns of an
     * old kernel: 0). Null when there is no {@code cpu} line.
     */
    static long[][] cpuTicks(String stat) {
        if (stat == null) {
            return null;
        }
        long[][] rows = new long[1][];
        // the cpu lines come first; the long lines after them (intr, softirq) are not even cut out
        for (int at = 0, end; at < stat.length() && stat.startsWith("cpu", at); at = end + 1) {
            end = stat.indexOf('\n', at);
            end = end < 0 ? stat.length() : end;
            int space = stat.indexOf(' ', at);
            int row = space < 0 || space > end ? -1 : cpuRow(stat.substring(at + 3, space));
            if (row < 0) {
                continue;
            }
            if (row >= rows.length) {
                rows = Arrays.copyOf(rows, row + 1);
            }
            long[] ticks = numbers(stat.substring(space, end), CPU_COLUMNS);
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Math.max(0, ticks[i]);
            }
            rows[row] = ticks;
        }
        return rows[0] == null ? null : rows;
    }

    /** The row of a cpu line by what follows "cpu": 0 for nothing, core + 1 for a number, −1 for anything else. */
    private static int cpuRow(String core) {
        if (core.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < core.length(); i++) {
            if (core.charAt(i) < '0' || core.charAt(i) > '9' || i > 6) {
                return -1;
            }
        }
        return Integer.parseInt(core) + 1;
    }

    /**
     * The share of the time between two readings of one cpu row that it was busy: all but idle and iowait, over
     * all; NaN when either is missing or no tick passed.
     */
    static double busy(long[] before, long[] after) {
        if (before == null || after == null) {
            return Double.NaN;
        }
        long total = 0;
        for (int i = 0; i < CPU_COLUMNS; i++) {
            total += after[i] - before[i];
        }
        long idle = after[IDLE] - before[IDLE] + after[IOWAIT] - before[IOWAIT];
        return total <= 0 ? Double.NaN : Math.min(1.0, Math.max(0.0, (double) (total - idle) / total));
    }

    /** The 1-minute load average of /proc/loadavg, NaN when unreadable. */
    static double loadAverage(String loadavg) {
        if (loadavg == null) {
            return Double.NaN;
        }
        String text = loadavg.strip();
        int space = text.indexOf(' ');
        String first = space < 0 ? text : text.substring(0, space);
        try {
            double v = Double.parseDouble(first);
            return v >= 0 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Memory in use by /proc/meminfo: MemTotal − MemAvailable (kernels before 3.14: − MemFree − Buffers −
     * Cached), bytes; −1 when unreadable.
     */
    static long memoryUsedBytes(String meminfo) {
        long total = kilobytes(meminfo, "MemTotal:");
        long available = kilobytes(meminfo, "MemAvailable:");
        if (available < 0) {
            long free = kilobytes(meminfo, "MemFree:");
            long buffers = kilobytes(meminfo, "Buffers:");
            long cached = kilobytes(meminfo, "Cached:");
            available = free < 0 ? -1 : free + Math.max(0, buffers) + Math.max(0, cached);
        }
        return total < 0 || available < 0 ? -1 : Math.max(0, total - available) * 1024;
    }

    /** The value of the {@code key} line of a kB-valued /proc file (meminfo, status), kB; −1 when absent. */
    static long kilobytes(String text, String key) {
        if (text == null) {
            return -1;
        }
        int at = text.startsWith(key) ? 0 : text.indexOf("\n" + key);
        if (at < 0) {
            return -1;
        }
        int from = at + (at == 0 ? 0 : 1) + key.length();
        int end = text.indexOf('\n', from);
        long[] v = numbers(text.substring(from, end < 0 ? text.length() : end), 1);
        return v[0] < 0 ? -1 : v[0];
    }

    /**
     * One process's line of /proc/PID/stat.
     *
     * @param cpuTicks user and system time, clock ticks
     * @param startTicks when it started, clock ticks after boot (a pid reused by a new process differs)
     * @param threads its thread count
     */
    record ProcessStat(long cpuTicks, long startTicks, int threads) {}

    /**
     * Parses /proc/PID/stat; null when it does not hold a whole line. The command name (field 2) may hold spaces
     * and parentheses: the fields are counted from its last ')'.
     */
    static ProcessStat processStat(String stat) {
        if (stat == null) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        // after ')': the state (field 3), then numbers; utime is field 14, stime 15, num_threads 20, starttime 22
        int state = close + 1;
        while (state < stat.length() && stat.charAt(state) == ' ') {
            state++;
        }
        long[] f = numbers(stat.substring(Math.min(stat.length(), state + 1)), 22 - 3);
        long start = f[22 - 4];
        return start < 0 ? null : new ProcessStat(f[14 - 4] + f[15 - 4], start, (int) f[20 - 4]);
    }

    /** The first {@code n} unsigned decimal numbers of {@code text}, −1 for each it lacks. */
    private static long[] numbers(String text, int n) {
        long[] out = new long[n];
        Arrays.fill(out, -1);
        int k = 0;
        int i = 0;
        while (k < n && i < text.length()) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            long v = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                v = v * 10 + (text.charAt(i++) - '0');
            }
            out[k++] = v;
        }
        return out;
    }
}
