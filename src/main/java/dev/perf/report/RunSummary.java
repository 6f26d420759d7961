package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Metric;
import dev.perf.result.RunResult;
import dev.perf.stats.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

    /** A fixed-width table for the terminal, followed by one line per failed benchmark. */
    public static String text(RunResult result) {
        List<String[]> table = new ArrayList<>();
        table.add(HEADER);
        rows(result)
                .forEach(r ->
                        table.add(Arrays.stream(r.cells()).map(Cells::printable).toArray(String[]::new)));
        int[] widths = new int[HEADER.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = (i >= 2 && i <= 4) || i == 6;
                String cell = numeric ? Cells.pad(row[i], widths[i], true) : Cells.pad(row[i], widths[i], false);
                line.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.status() == BenchmarkResult.Status.failed) {
                sb.append("FAILED ")
                        .append(Cells.printable(b.displayName()))
                        .append(": ")
                        .append(Cells.printable(firstLine(b.error())))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** A GitHub-flavoured Markdown summary: what ran, where, and the results table. */
    public static String markdown(RunResult result) {
        StringBuilder sb = new StringBuilder();
        var run = result.run();
        sb.append("## perf run: ")
                .append(Markdown.escape(run.suite()))
                .append(" (")
                .append(Markdown.escape(run.profile()))
                .append(")\n\n");
        long failed = result.failedCount();
        sb.append(result.benchmarks().size())
                .append(" benchmarks, ")
                .append(result.benchmarks().size() - failed)
                .append(" ok, ")
                .append(failed)
                .append(" failed");
        sb.append(" · ").append(duration(Duration.between(run.start(), run.end())));
        if (run.interrupted()) {
            sb.append(" · **interrupted**: only the benchmarks that finished are shown");
        }
        sb.append("\n\n");
        var env = result.environment();
        List<String> facts = new ArrayList<>();
        facts.add("run `" + Markdown.code(run.id()) + "`");
        if (run.git().commit() != null) {
            facts.add("commit `"
                    + Markdown.code(run.git()
                            .commit()
                            .substring(0, Math.min(12, run.git().commit().length()))) + "`"
                    + (Boolean.TRUE.equals(run.git().dirty()) ? " (dirty)" : ""));
        }
        if (env != null) {
            if (env.cpuModel() != null) {
                facts.add(Markdown.escape(env.cpuModel())
                        + (env.logicalCores() == null ? "" : ", " + env.logicalCores() + " threads"));
            }
            if (env.jvm() != null) {
                facts.add("JVM " + Markdown.escape(env.jvm().version()));
            }
            if (env.os() != null) {
                facts.add(Markdown.escape(env.os()));
            }
        }
        sb.append(String.join(" · ", facts)).append("\n\n");
        sb.append("| Benchmark | Mode | Cnt | Score | Error (99.9%) | Units | Alloc B/op |\n");
        sb.append("|---|---|---:|---:|---:|---|---:|\n");
        for (Row r : rows(result)) {
            sb.append("| ")
                    .append(Markdown.escape(r.benchmark()))
                    .append(" | ")
                    .append(Markdown.escape(r.mode()))
                    .append(" | ")
                    .append(r.count())
                    .append(" | ")
                    .append(r.score().equals("FAILED") ? "❌ failed" : r.score())
                    .append(" | ")
                    .append(r.error())
                    .append(" | ")
                    .append(Markdown.escape(r.unit()))
                    .append(" | ")
                    .append(r.alloc())
                    .append(" |\n");
        }
        List<BenchmarkResult> failures = result.benchmarks().stream()
                .filter(b -> b.status() == BenchmarkResult.Status.failed)
                .toList();
        if (!failures.isEmpty()) {
            sb.append("\n### Failed\n\n");
            for (BenchmarkResult b : failures) {
                sb.append("- ")
                        .append(Markdown.escape(b.displayName()))
                        .append(": ")
                        .append(Markdown.escape(firstLine(b.error())))
                        .append('\n');
            }
        }
        return sb.toString();
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

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
