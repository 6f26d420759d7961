package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.LoadDetails;
import dev.perf.result.Metric;
import dev.perf.result.RunResult;
import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a run as a terminal table and as GitHub-flavoured Markdown. Both render the same rows;
 * numbers are formatted with {@link Locale#ROOT} so output never depends on the user's locale. Pure and
 * thread-safe.
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

    private static List<String[]> loadRows(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            LoadDetails d = b.load();
            if (d == null) {
                continue;
            }
            Map<String, Double> o = d.overall();
            rows.add(new String[] {
                b.displayName(),
                d.model(),
                number1(o.get("throughput")),
                number(o.get("p50")),
                number(o.get("p95")),
                number(o.get("p99")),
                number(o.get("max")),
                d.counters().failures() + " (" + number1(o.get("errorRate")) + "%)",
                Long.toString(d.counters().dropped()),
                d.host().isEmpty()
                        ? ""
                        : number1(d.host().stream()
                                .mapToDouble(LoadDetails.HostSample::cpuPercent)
                                .filter(v -> !Double.isNaN(v))
                                .max()
                                .orElse(Double.NaN)),
                d.host().isEmpty()
                        ? ""
                        : number1(d.host().stream()
                                        .mapToLong(LoadDetails.HostSample::perfRssBytes)
                                        .max()
                                        .orElse(-1)
                                / 1e6)
            });
        }
        return rows;
    }

    private static List<String[]> sloRows(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() == null) {
                continue;
            }
            for (LoadDetails.TargetVerdict t : b.load().targets()) {
                rows.add(new String[] {
                    b.displayName(),
                    t.metric(),
                    t.target() == null ? "" : t.target(),
                    t.acceptable() == null ? "" : t.acceptable(),
                    number(t.current()) + " " + t.unit(),
                    t.status() + (t.reason() == null ? "" : " (" + t.reason() + ")")
                });
            }
        }
        return rows;
    }

    /** Lines about load loops that did not reach their rate or could not be judged. */
    private static List<String> loadNotes(RunResult result) {
        List<String> notes = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            LoadDetails d = b.load();
            if (d == null) {
                continue;
            }
            Double achieved = d.overall().get("throughput");
            if (!Double.isNaN(d.targetRatePerSec()) && achieved != null && achieved < 0.995 * d.targetRatePerSec()) {
                notes.add(b.displayName() + ": target rate not reached: " + number1(achieved) + "/s of "
                        + number1(d.targetRatePerSec()) + "/s");
            }
            if (d.generatorBound()) {
                notes.add(
                        b.displayName() + ": generator-bound, SLO verdicts inconclusive: " + d.generatorBoundReason());
            }
        }
        return notes;
    }

    /** Fixed-width tables for the terminal (JMH, load, SLOs), then notes and one line per failed benchmark. */
    public static String text(RunResult result) {
        List<String[]> jmh = new ArrayList<>();
        rows(result).forEach(r -> jmh.add(r.cells()));
        StringBuilder out = new StringBuilder();
        if (!jmh.isEmpty()) {
            out.append(table(HEADER, jmh, new int[] {2, 3, 4, 6}));
        }
        List<String[]> load = loadRows(result);
        if (!load.isEmpty()) {
            out.append(out.length() > 0 ? "\n" : "")
                    .append(table(LOAD_HEADER, load, new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10}));
        }
        List<String[]> slo = sloRows(result);
        if (!slo.isEmpty()) {
            out.append("\n").append(table(SLO_HEADER, slo, new int[] {4}));
        }
        for (String note : loadNotes(result)) {
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

    private static String number(Double value) {
        return value == null ? "" : number((double) value);
    }

    private static String number1(Double value) {
        return value == null || value.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
