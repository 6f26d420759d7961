package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import dev.perf.result.RunResult;
import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a run as terminal tables, rendered from the same {@link RunReport} as the Markdown and
 * HTML reports; numbers are formatted with {@link Locale#ROOT} so output never depends on the user's locale.
 * Pure and thread-safe.
 */
public final class RunSummary {
    private static final String ALLOC = "gc.alloc.rate.norm";
    private static final String[] HEADER = {"Benchmark", "Mode", "Cnt", "Score", "Error", "Units", "Alloc B/op"};

    private RunSummary() {}

    /** One table row. */
    private record Row(
            String benchmark, String mode, String count, String score, String error, String unit, String alloc) {
        String[] cells() {
            return new String[] {benchmark, mode, count, score, error, unit, alloc};
        }
    }

    private static List<Row> rows(RunResult result) {
        List<Row> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() != null) {
                continue;
            }
            if (b.status() == BenchmarkResult.Status.failed) {
                rows.add(new Row(b.displayName(), nullToDash(b.mode()), "", "FAILED", "", "", ""));
                continue;
            }
            Metric score = b.metric("score").orElse(null);
            if (score == null) {
                continue;
            }
            Summary s = score.summary();
            String alloc = b.metric(ALLOC).map(m -> number(m.summary().mean())).orElse("");
            rows.add(new Row(
                    b.displayName(),
                    nullToDash(b.mode()),
                    Integer.toString(s.n()),
                    number(s.mean()),
                    Double.isNaN(s.ci().halfWidth()) ? "" : "± " + number(s.ci().halfWidth()),
                    score.unit(),
                    alloc));
        }
        return rows;
    }

    private static final String[] LOAD_HEADER = {
        "Load",
        "Model",
        "Throughput/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "Errors",
        "Dropped",
        "CPU peak %",
        "perf RSS MB"
    };
    private static final String[] SLO_HEADER = {"Load", "Target", "Target value", "Acceptable", "Current", "Status"};

    private static List<String[]> loadRows(RunReport report) {
        List<String[]> rows = new ArrayList<>();
        for (RunReport.LoadRow r : report.load()) {
            RunReport.HostPeak peak = report.hostPeaks().stream()
                    .filter(h -> h.benchmark().equals(r.benchmark()))
                    .findFirst()
                    .orElse(null);
            rows.add(new String[] {
                r.benchmark(),
                r.model(),
                MarkdownReport.one(r.throughput()),
                number(r.p50Millis()),
                number(r.p95Millis()),
                number(r.p99Millis()),
                number(r.maxMillis()),
                r.failures() + " (" + MarkdownReport.one(r.errorRatePercent()) + "%)",
                Long.toString(r.dropped()),
                peak == null ? "" : MarkdownReport.one(peak.cpuPercent()),
                peak == null ? "" : MarkdownReport.one(peak.perfRssBytes() / 1e6)
            });
        }
        return rows;
    }

    private static List<String[]> sloRows(RunReport report) {
        List<String[]> rows = new ArrayList<>();
        for (RunReport.SloRow t : report.slos()) {
            rows.add(new String[] {
                t.benchmark(),
                t.metric(),
                t.target() == null ? "" : t.target(),
                t.acceptable() == null ? "" : t.acceptable(),
                number(t.current()) + " " + t.unit(),
                t.status() + (t.reason() == null ? "" : " (" + t.reason() + ")")
            });
        }
        return rows;
    }

    /** Fixed-width tables for the terminal (JMH, load, SLOs), then notes and one line per failed benchmark. */
    public static String text(RunResult result) {
        List<String[]> jmh = new ArrayList<>();
        rows(result).forEach(r -> jmh.add(r.cells()));
        StringBuilder out = new StringBuilder();
        if (!jmh.isEmpty()) {
            out.append(table(HEADER, jmh, new int[] {2, 3, 4, 6}));
        }
        RunReport report = RunReport.of(result);
        List<String[]> load = loadRows(report);
        if (!load.isEmpty()) {
            out.append(out.length() > 0 ? "\n" : "")
                    .append(table(LOAD_HEADER, load, new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10}));
        }
        List<String[]> slo = sloRows(report);
        if (!slo.isEmpty()) {
            out.append("\n").append(table(SLO_HEADER, slo, new int[] {4}));
        }
        for (String note : report.notes()) {
            out.append(Cells.printable(note)).append('\n');
        }
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.status() == BenchmarkResult.Status.failed) {
                out.append("FAILED ")
                        .append(Cells.printable(b.displayName()))
                        .append(": ")
                        .append(Cells.printable(RunReport.firstLine(b.error())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String table(String[] header, List<String[]> body, int[] rightAligned) {
        List<String[]> table = new ArrayList<>();
        table.add(header);
        body.forEach(r -> table.add(Arrays.stream(r).map(Cells::printable).toArray(String[]::new)));
        int[] widths = new int[header.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                final int column = i;
                boolean right = Arrays.stream(rightAligned).anyMatch(c -> c == column);
                line.append(Cells.pad(row[i], widths[i], right)).append(i == row.length - 1 ? "" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The Markdown report of a run (see {@link MarkdownReport#run}). */
    public static String markdown(RunResult result) {
        return MarkdownReport.run(result);
    }

    /** A number as the tables show it: three decimals, point as separator, NaN as "NaN". */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
