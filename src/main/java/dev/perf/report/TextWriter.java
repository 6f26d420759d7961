package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import dev.perf.result.Numbers;
import dev.perf.result.PerfException;
import dev.perf.result.RunResult;
import dev.perf.stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-width text for a terminal: the run summary (JMH, load and SLO tables, notes, failures) and the
 * comparison table with its reasons. Control characters in names are neutralized. Pure.
 */
final class TextWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";

    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < runs.results().size(); i++) {
                if (!runs.single()) {
                    sb.append(i == 0 ? "" : "\n")
                            .append("== ")
                            .append(runs.labels().get(i))
                            .append('\n');
                }
                sb.append(run(runs.results().get(i), runs.views().get(i)));
            }
            return sb.toString();
        }
        if (subject instanceof Subject.Compared c) {
            String table = comparison(c.comparison(), options.colour());
            return c.current() == null ? table : table + "\n" + run(c.current(), c.currentView());
        }
        if (subject instanceof Subject.Table t) {
            String table = TextTable.text(t.table());
            return t.runs() == null ? table : table + "\n" + write(t.runs(), options);
        }
        throw PerfException.usage("a history is written as md, json or html, not text");
    }

    /** A table for the terminal; {@code colour} adds ANSI colours to the verdicts. */
    /** The cells of one row of the terminal's comparison table, in the header's order. */
    private static String[] cells(Comparison.Row r) {
        return new String[] {
            Cells.printable(r.displayName()),
            Cells.printable(ComparisonCells.metric(r)),
            ComparisonCells.value(r, r.base()),
            ComparisonCells.value(r, r.current()),
            Numbers.change(r.change()),
            ComparisonCells.interval(r.changeLower(), r.changeUpper()),
            ComparisonCells.p(r.p()),
            ComparisonCells.p(r.q()),
            ComparisonCells.n(r),
            r.verdict().json()
        };
    }

    static String comparison(Comparison c, boolean colour) {
        String[] header = {"Benchmark", "Metric", "Base", "Current", "Change", "CI", "p", "p(verdict)", "n", "Verdict"};
        List<String[]> table = new ArrayList<>();
        table.add(header);
        c.rows().forEach(r -> table.add(cells(r)));
        int[] widths = new int[header.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("perf compare: ")
                .append(Cells.printable(c.base()))
                .append(" -> ")
                .append(Cells.printable(c.current()))
                .append('\n');
        for (int k = 0; k < table.size(); k++) {
            String[] row = table.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i >= 2 && i <= 8;
                String cell = Cells.pad(row[i], widths[i], right);
                if (i == row.length - 1 && k > 0 && colour) {
                    cell = colourOf(c.rows().get(k - 1).verdict()) + cell + RESET;
                }
                line.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
        for (Comparison.Row r : c.rows()) {
            if (r.verdict() != Verdict.UNCHANGED) {
                sb.append(r.verdict().json())
                        .append(": ")
                        .append(Cells.printable(r.displayName()))
                        .append(' ')
                        .append(Cells.printable(r.metric()))
                        .append(": ")
                        .append(Cells.printable(r.reason()))
                        .append('\n');
            }
        }
        sb.append(ComparisonCells.summaryLine(c)).append('\n');
        for (Comparison.EnvironmentDifference d : c.environment()) {
            sb.append("environment differs: ")
                    .append(d.field())
                    .append(": ")
                    .append(Cells.printable(d.base()))
                    .append(" -> ")
                    .append(Cells.printable(d.current()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String colourOf(Verdict v) {
        return switch (v) {
            case FAIL, INVALID, MISSING -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case IMPROVED -> "\u001b[32m";
            case INCONCLUSIVE -> "\u001b[35m";
            default -> "";
        };
    }

    private static final String ALLOC = "gc.alloc.rate.norm";
    private static final String[] HEADER = {"Benchmark", "Mode", "Cnt", "Score", "Error", "Units", "Alloc B/op"};

    /** One table row. */
    private record JmhRow(
            String benchmark, String mode, String count, String score, String error, String unit, String alloc) {
        String[] cells() {
            return new String[] {benchmark, mode, count, score, error, unit, alloc};
        }
    }

    private static List<JmhRow> rows(RunResult result) {
        List<JmhRow> rows = new ArrayList<>();
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() != null) {
                continue;
            }
            if (b.status() == BenchmarkResult.Status.failed) {
                rows.add(new JmhRow(b.displayName(), nullToDash(b.mode()), "", "FAILED", "", "", ""));
                continue;
            }
            Metric score = b.metric("score").orElse(null);
            if (score == null) {
                continue;
            }
            Summary s = score.summary();
            String alloc =
                    b.metric(ALLOC).map(m -> Numbers.score(m.summary().mean())).orElse("");
            Numbers.Scale scale = Numbers.scale(score.unit(), s.mean());
            rows.add(new JmhRow(
                    b.displayName(),
                    nullToDash(b.mode()),
                    Integer.toString(s.n()),
                    Numbers.score(s.mean() * scale.factor()),
                    Double.isNaN(s.ci().halfWidth()) ? "" : "± " + Numbers.score(s.ci().halfWidth() * scale.factor()),
                    scale.unit(),
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
                Numbers.fixed(r.throughput(), 1),
                Numbers.fixed(r.p50Millis(), 3),
                Numbers.fixed(r.p95Millis(), 3),
                Numbers.fixed(r.p99Millis(), 3),
                Numbers.fixed(r.maxMillis(), 3),
                r.failures() + " (" + Numbers.fixed(r.errorRatePercent(), 1) + "%)",
                Long.toString(r.dropped()),
                peak == null ? "" : Numbers.fixed(peak.cpuPercent(), 1),
                peak == null ? "" : Numbers.fixed(peak.perfRssBytes() / 1e6, 1)
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
                Numbers.fixed(t.current(), 3) + " " + t.unit(),
                t.status() + (t.reason() == null ? "" : " (" + t.reason() + ")")
            });
        }
        return rows;
    }

    /** Fixed-width tables for the terminal (JMH, load, SLOs), then notes and one line per failed benchmark. */
    static String run(RunResult result, RunReport report) {
        List<String[]> jmh = new ArrayList<>();
        rows(result).forEach(r -> jmh.add(r.cells()));
        StringBuilder out = new StringBuilder();
        if (!jmh.isEmpty()) {
            out.append(table(HEADER, jmh, new int[] {2, 3, 4, 6}));
        }
        List<String[]> load = loadRows(report);
        if (!load.isEmpty()) {
            out.append(out.length() > 0 ? "\n" : "")
                    .append(table(LOAD_HEADER, load, new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10}));
        }
        List<String[]> messages = MessageRows.of(result);
        if (!messages.isEmpty()) {
            out.append("\n").append(table(MessageRows.HEADER, messages, MessageRows.NUMBERS));
        }
        List<String[]> observed = ServiceRows.observed(result);
        if (!observed.isEmpty()) {
            out.append("\n").append(table(ServiceRows.OBSERVED_HEADER, observed, ServiceRows.OBSERVED_NUMBERS));
        }
        List<String[]> traces = ServiceRows.traces(result);
        if (!traces.isEmpty()) {
            out.append("\n").append(table(ServiceRows.TRACE_HEADER, traces, ServiceRows.TRACE_NUMBERS));
        }
        List<String[]> slo = sloRows(report);
        if (!slo.isEmpty()) {
            out.append("\n").append(table(SLO_HEADER, slo, new int[] {4}));
        }
        for (String note : report.notes()) {
            out.append(Cells.printable(note)).append('\n');
        }
        out.append(TextScaling.text(Scaling.of(result)));
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

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
