package dev.perf.run;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.PerfException;
import dev.perf.result.RunResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * HdrHistogram interval logs ({@code .hlog}, HdrHistogram's {@link HistogramLogWriter} format) of the load
 * loops of a result: one interval per measured second, the response times from the intended start, in ns.
 * They open in HdrHistogram's own tools (HistogramLogProcessor, HdrHistogramVisualizer) and merge with logs
 * of other tools. Written beside the result file, atomically.
 */
final class IntervalLogs {
    private IntervalLogs() {}

    /** Writes {@code <result>-<loop>.hlog} for every load loop with per-second histograms; the files written. */
    static List<Path> write(RunResult result, Path resultFile) {
        List<Path> written = new ArrayList<>();
        String base = resultFile.getFileName().toString().replaceFirst("\\.json$", "");
        for (BenchmarkResult b : result.benchmarks()) {
            LoadDetails d = b.load();
            if (d == null || d.timeSeries().stream().allMatch(s -> s.histogram() == null)) {
                continue;
            }
            Path file = resultFile.resolveSibling(
                    base + "-" + b.displayName().replaceAll("[^A-Za-z0-9._-]", "_") + ".hlog");
            write(b.displayName(), d, file);
            written.add(file);
        }
        return written;
    }

    /**
     * The responses after the last whole second — in the run's totals, in no window of the time series — as the
     * whole run's histogram less every window's; null when there are none or a window's histogram is missing.
     * Without it the log would lose them (599 of 600 responses when the last one came back after the last tick).
     */
    static Histogram tail(LoadDetails d) {
        if (d.histograms() == null
                || d.histograms().response() == null
                || d.timeSeries().stream().anyMatch(s -> s.histogram() == null)) {
            return null;
        }
        Histogram tail = HistogramCodec.decode(d.histograms().response());
        try {
            for (LoadDetails.Second s : d.timeSeries()) {
                tail.subtract(HistogramCodec.decode(s.histogram()));
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null; // the windows are not parts of the whole (an older or merged file): no tail to tell
        }
        return tail.getTotalCount() > 0 ? tail : null;
    }

    private static void write(String name, LoadDetails d, Path file) {
        long startMillis = d.startedAt() == null ? 0 : d.startedAt().toEpochMilli();
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".perf-", ".hlog.tmp");
            try (PrintStream out =
                    new PrintStream(new FileOutputStream(temp.toFile()), false, StandardCharsets.UTF_8)) {
                HistogramLogWriter writer = new HistogramLogWriter(out);
                writer.outputComment("perf load loop " + name.replace('\n', ' ') + ": response time from the intended"
                        + " start, ns, one interval per second, then the responses after the last whole second");
                writer.outputLogFormatVersion();
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputLegend();
                for (LoadDetails.Second s : d.timeSeries()) {
                    if (s.histogram() == null) {
                        continue;
                    }
                    Histogram h = HistogramCodec.decode(s.histogram());
                    h.setStartTimeStamp(startMillis + s.second() * 1000);
                    h.setEndTimeStamp(startMillis + (s.second() + 1) * 1000);
                    h.setTag(name.replaceAll("[\\s,]", "_"));
                    writer.outputIntervalHistogram(h);
                }
                Histogram tail = tail(d);
                if (tail != null) {
                    long from = startMillis + d.timeSeries().size() * 1000L;
                    tail.setStartTimeStamp(from);
                    tail.setEndTimeStamp(Math.max(from + 1, startMillis + d.durationNanos() / 1_000_000));
                    tail.setTag(name.replaceAll("[\\s,]", "_"));
                    writer.outputIntervalHistogram(tail);
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PerfException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }
}
