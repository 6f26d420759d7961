package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.LoadDetails;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown report of a run (GitHub-flavoured, ready for a pull-request comment or a step summary):
 * executive summary, environment, JMH and load tables, SLO targets, host peaks, per-second charts as
 * Mermaid {@code xychart-beta} blocks, recommendations and failures. Every string from the result is
 * escaped; numbers use {@link Locale#ROOT}. Pure and thread-safe.
 */
public final class MarkdownRun {
    /** Charts with more points than this are bucketed (GitHub draws every category label). */
    static final int MAX_CHART_POINTS = 60;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownRun() {}

    /** The report of {@code result}. */
    public static String run(RunResult result) {
        RunReport r = RunReport.of(result);
        RunReport.Overview o = r.summary();
        StringBuilder sb = new StringBuilder();
        sb.append("## perf run: ")
                .append(Markdown.escape(o.suite()))
                .append(" (")
                .append(Markdown.escape(o.profile()))
                .append(")\n\n");
        sb.append(executiveSummary(o)).append("\n\n");
        if (o.interrupted()) {
            sb.append("**Interrupted**: only the benchmarks that finished are shown.\n\n");
        }
        environment(sb, o, r.environment());
        jmh(sb, r.jmh());
        load(sb, r.load(), r.notes());
        messages(sb, MessageRows.of(result));
        table(sb, "The service", ServiceRows.OBSERVED_HEADER, ServiceRows.observed(result), false);
        table(sb, "Slowest requests", ServiceRows.TRACE_HEADER, ServiceRows.traces(result), true);
        slos(sb, r.slos());
        sb.append(MarkdownScaling.markdown(Scaling.of(result)));
        hostPeaks(sb, r.hostPeaks());
        charts(sb, result);
        recommendations(sb, r.recommendations());
        if (!r.failed().isEmpty()) {
            sb.append("### Failed\n\n");
            for (RunReport.Failure f : r.failed()) {
                sb.append("- ")
                        .append(Markdown.escape(f.benchmark()))
                        .append(": ")
                        .append(Markdown.escape(f.error()))
                        .append('\n');
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    /** One line: what ran, how it went, how long, when; led by ✅, ⚠️ or ❌. */
    static String executiveSummary(RunReport.Overview o) {
        String verdict = o.failed() > 0 || o.sloFail() > 0 ? "❌ " : o.sloWarn() > 0 || o.warnings() > 0 ? "⚠️ " : "✅ ";
        return verdict + facts(o);
    }

    /** The executive summary without its icon, as plain text (no Markdown). */
    static String facts(RunReport.Overview o) {
        List<String> parts = new ArrayList<>();
        parts.add("**" + o.benchmarks() + " benchmarks** (" + o.jmhBenchmarks() + " JMH, " + o.loadLoops() + " load): "
                + o.ok() + " ok, " + o.failed() + " failed");
        int slos = o.sloPass() + o.sloWarn() + o.sloFail() + o.sloInconclusive();
        if (slos > 0) {
            parts.add("SLO targets: " + o.sloPass() + " pass, " + o.sloWarn() + " warn, " + o.sloFail() + " fail"
                    + (o.sloInconclusive() > 0 ? ", " + o.sloInconclusive() + " inconclusive" : ""));
        }
        parts.add(o.warnings() + (o.warnings() == 1 ? " warning" : " warnings"));
        parts.add(Numbers.duration(o.durationSeconds()));
        parts.add(WHEN.format(o.start()));
        return String.join(" · ", parts);
    }

    private static void environment(StringBuilder sb, RunReport.Overview o, Environment env) {
        sb.append("### Environment\n\n| | |\n|---|---|\n");
        row(sb, "Run", "`" + Markdown.code(o.runId()) + "`" + (o.shard() == null ? "" : " (shard " + o.shard() + ")"));
        if (o.commit() != null) {
            row(
                    sb,
                    "Commit",
                    "`"
                            + Markdown.code(o.commit()
                                    .substring(0, Math.min(12, o.commit().length()))) + "`"
                            + (Boolean.TRUE.equals(o.dirty()) ? " (dirty)" : ""));
        }
        if (env != null) {
            if (env.cpuModel() != null) {
                String cores = env.physicalCores() == null
                        ? ""
                        : " (" + env.physicalCores() + " cores, " + env.logicalCores() + " threads"
                                + (env.maxFrequencyHz() == null || env.maxFrequencyHz() <= 0
                                        ? ""
                                        : String.format(Locale.ROOT, ", %.2f GHz", env.maxFrequencyHz() / 1e9))
                                + ")";
                row(sb, "CPU", Markdown.escape(env.cpuModel()) + cores);
            }
            if (env.memoryBytes() != null) {
                row(sb, "Memory", String.format(Locale.ROOT, "%.1f GB", env.memoryBytes() / 1e9));
            }
            if (env.os() != null) {
                row(
                        sb,
                        "OS",
                        Markdown.escape(env.os())
                                + (env.kernel() == null ? "" : ", kernel " + Markdown.escape(env.kernel())));
            }
            if (env.governor() != null) {
                row(sb, "CPU governor", Markdown.escape(env.governor()));
            }
            if (env.container() != null) {
                row(sb, "Container", Markdown.escape(env.container()));
            }
            if (env.limits() != null) {
                row(sb, "Container limits", Environment.Limits.describe(env.limits()));
            }
            if (env.loadAverage1m() != null) {
                row(sb, "Load average at start", String.format(Locale.ROOT, "%.2f", env.loadAverage1m()));
            }
            jvms(sb, env);
        }
        sb.append('\n');
    }

    /** perf's own JVM and, when JMH ran, the forks' (what the benchmarks really ran on). */
    private static void jvms(StringBuilder sb, Environment env) {
        if (env.jvm() != null) {
            row(
                    sb,
                    "perf's JVM",
                    Markdown.escape(env.jvm().vendor() + " " + env.jvm().name() + " "
                            + env.jvm().version()));
            if (!env.jvm().args().isEmpty()) {
                row(
                        sb,
                        "perf's JVM flags",
                        "`" + Markdown.code(String.join(" ", env.jvm().args())) + "`");
            }
        }
        if (env.forks() != null) {
            row(
                    sb,
                    "Benchmark JVM (JMH forks)",
                    Markdown.escape("JMH " + env.forks().jmhVersion() + ", "
                            + env.forks().vmName() + " " + env.forks().vmVersion()));
            if (!env.forks().jvmArgs().isEmpty()) {
                row(
                        sb,
                        "Benchmark JVM flags",
                        "`" + Markdown.code(String.join(" ", env.forks().jvmArgs())) + "`");
            }
        }
    }

    private static void row(StringBuilder sb, String field, String value) {
        sb.append("| ")
                .append(field)
                .append(" | ")
                .append(value.replace("|", "\\|"))
                .append(" |\n");
    }

    private static void jmh(StringBuilder sb, List<RunReport.JmhRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### Microbenchmarks\n\n");
        sb.append("| Benchmark | Mode | Cnt | Score | Error (99.9%) | Units | CV | Alloc B/op |\n");
        sb.append("|---|---|---:|---:|---:|---|---:|---:|\n");
        for (RunReport.JmhRow r : rows) {
            Numbers.Scale scale = Numbers.scale(r.unit(), r.score());
            sb.append("| ")
                    .append(Markdown.escape(r.benchmark()))
                    .append(" | ")
                    .append(Markdown.escape(r.mode() == null ? "-" : r.mode()))
                    .append(" | ")
                    .append(r.samples())
                    .append(" | ")
                    .append(Numbers.score(r.score() * scale.factor()))
                    .append(" | ")
                    .append(Double.isNaN(r.error()) ? "" : "± " + Numbers.score(r.error() * scale.factor()))
                    .append(" | ")
                    .append(Markdown.escape(scale.unit()))
                    .append(" | ")
                    .append(Double.isNaN(r.cvPercent()) ? "" : Numbers.fixed(r.cvPercent(), 1) + "%")
                    .append(" | ")
                    .append(Double.isNaN(r.allocBytesPerOp()) ? "" : Numbers.score(r.allocBytesPerOp()))
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static void load(StringBuilder sb, List<RunReport.LoadRow> rows, List<String> notes) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### Load loops\n\n");
        sb.append(
                "| Load | Model | Throughput/s | Target/s | p50 ms | p95 ms | p99 ms | max ms | Errors | Dropped |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunReport.LoadRow r : rows) {
            sb.append("| ")
                    .append(Markdown.escape(r.benchmark()))
                    .append(" | ")
                    .append(r.model())
                    .append(" | ")
                    .append(Numbers.fixed(r.throughput(), 1))
                    .append(" | ")
                    .append(Double.isNaN(r.targetRatePerSec()) ? "" : Numbers.fixed(r.targetRatePerSec(), 1))
                    .append(" | ")
                    .append(Numbers.fixed(r.p50Millis(), 3))
                    .append(" | ")
                    .append(Numbers.fixed(r.p95Millis(), 3))
                    .append(" | ")
                    .append(Numbers.fixed(r.p99Millis(), 3))
                    .append(" | ")
                    .append(Numbers.fixed(r.maxMillis(), 3))
                    .append(" | ")
                    .append(r.failures())
                    .append(" (")
                    .append(Numbers.fixed(r.errorRatePercent(), 1))
                    .append("%) | ")
                    .append(r.dropped())
                    .append(" |\n");
        }
        sb.append('\n');
        for (String note : notes) {
            sb.append("- ").append(Markdown.escape(note)).append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
        }
        for (RunReport.LoadRow r : rows) {
            curve(sb, r);
        }
    }

    /** A titled table of {@code rows}; with {@code linked}, the last cell is a link to the row's trace. */
    private static void table(StringBuilder sb, String title, String[] header, List<String[]> rows, boolean linked) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### ")
                .append(title)
                .append("\n\n| ")
                .append(String.join(" | ", header))
                .append(" |\n");
        sb.append("|---".repeat(header.length)).append("|\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean link = linked && i == row.length - 1 && !row[i].isEmpty();
                sb.append("| ")
                        .append(link ? "[trace](" + row[i].replace(")", "%29") + ")" : Markdown.escape(row[i]))
                        .append(' ');
            }
            sb.append("|\n");
        }
        sb.append('\n');
    }

    /** What the messaging loops' consumers received of what the brokers acknowledged. */
    private static void messages(StringBuilder sb, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### Messages\n\n");
        sb.append("| ").append(String.join(" | ", MessageRows.HEADER)).append(" |\n");
        sb.append("|---").append("|---:".repeat(MessageRows.HEADER.length - 1)).append("|\n");
        for (String[] row : rows) {
            sb.append("| ").append(Markdown.escape(row[0]));
            for (int i = 1; i < row.length; i++) {
                sb.append(" | ").append(row[i]);
            }
            sb.append(" |\n");
        }
        sb.append('\n');
    }

    /** The steps of a findMaxRate search, in rate order. */
    private static void curve(StringBuilder sb, RunReport.LoadRow r) {
        if (r.curve().isEmpty()) {
            return;
        }
        sb.append("#### ").append(Markdown.escape(r.benchmark())).append(": findMaxRate curve\n\n");
        sb.append("| Rate asked/s | Achieved/s | p99 ms | Errors % | Meets SLO |\n");
        sb.append("|---:|---:|---:|---:|---|\n");
        for (LoadDetails.RateStep s : r.curve()) {
            sb.append("| ")
                    .append(Numbers.fixed(s.ratePerSec(), 0))
                    .append(" | ")
                    .append(Numbers.fixed(s.achievedPerSec(), 1))
                    .append(" | ")
                    .append(Numbers.fixed(s.p99Millis(), 3))
                    .append(" | ")
                    .append(Numbers.fixed(s.errorRatePercent(), 2))
                    .append(" | ")
                    .append(s.meetsSlo() ? "yes" : "no")
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static void slos(StringBuilder sb, List<RunReport.SloRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### SLO targets\n\n");
        sb.append("| Load | Metric | Target | Acceptable | Current | Status |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        for (RunReport.SloRow r : rows) {
            String icon =
                    switch (r.status()) {
                        case "pass" -> "✅ ";
                        case "warn" -> "⚠️ ";
                        case "fail" -> "❌ ";
                        default -> "❔ ";
                    };
            sb.append("| ")
                    .append(Markdown.escape(r.benchmark()))
                    .append(" | ")
                    .append(Markdown.escape(r.metric()))
                    .append(" | ")
                    .append(Markdown.escape(r.target() == null ? "" : r.target()))
                    .append(" | ")
                    .append(Markdown.escape(r.acceptable() == null ? "" : r.acceptable()))
                    .append(" | ")
                    .append(Numbers.fixed(r.current(), 3))
                    .append(' ')
                    .append(Markdown.escape(r.unit()))
                    .append(" | ")
                    .append(icon)
                    .append(r.status())
                    .append(r.reason() == null ? "" : " (" + Markdown.escape(r.reason()) + ")")
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static void hostPeaks(StringBuilder sb, List<RunReport.HostPeak> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### Host peaks\n\n");
        sb.append("| Load | CPU % | Busiest core % | Load avg | perf CPU % | perf RSS MB | Monitored CPU % |"
                + " Monitored RSS MB |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunReport.HostPeak r : rows) {
            sb.append("| ")
                    .append(Markdown.escape(r.benchmark()))
                    .append(" | ")
                    .append(Numbers.fixed(r.cpuPercent(), 1))
                    .append(" | ")
                    .append(Numbers.fixed(r.busiestCorePercent(), 1))
                    .append(" | ")
                    .append(Numbers.fixed(r.loadAverage1m(), 3))
                    .append(" | ")
                    .append(Numbers.fixed(r.perfCpuPercent(), 1))
                    .append(" | ")
                    .append(megabytes(r.perfRssBytes()))
                    .append(" | ")
                    .append(Double.isNaN(r.monitoredCpuPercent()) ? "" : Numbers.fixed(r.monitoredCpuPercent(), 1))
                    .append(" | ")
                    .append(r.monitoredRssBytes() < 0 ? "" : megabytes(r.monitoredRssBytes()))
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static void charts(StringBuilder sb, RunResult result) {
        boolean any = false;
        for (BenchmarkResult b : result.benchmarks()) {
            LoadDetails d = b.load();
            if (d == null || d.timeSeries().size() < 2) {
                continue;
            }
            if (!any) {
                sb.append("### Charts\n\n");
                any = true;
            }
            List<LoadDetails.Second> s = d.timeSeries();
            double[] rate =
                    s.stream().mapToDouble(LoadDetails.Second::ratePerSec).toArray();
            double[] p99 = s.stream().mapToDouble(x -> x.p99Micros() / 1e3).toArray();
            sb.append(mermaid(b.displayName() + ": achieved rate per second", "second", "ops/s", rate));
            sb.append(mermaid(b.displayName() + ": p99 per second", "second", "ms", p99));
        }
    }

    /** A Mermaid {@code xychart-beta} line chart of one value per second (bucketed beyond 60 points). */
    static String mermaid(String title, String xLabel, String yLabel, double[] values) {
        int bucket = (values.length + MAX_CHART_POINTS - 1) / MAX_CHART_POINTS;
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < values.length; i += bucket) {
            double max = 0;
            for (int k = i; k < Math.min(values.length, i + bucket); k++) {
                if (Double.isFinite(values[k])) {
                    max = Math.max(max, values[k]);
                }
            }
            xs.add(Integer.toString(i + 1));
            ys.add(Numbers.label(max));
        }
        return "```mermaid\nxychart-beta\n    title \"" + mermaidText(title) + "\"\n    x-axis \""
                + mermaidText(xLabel) + (bucket > 1 ? " (max of " + bucket + " s)" : "") + "\" ["
                + String.join(", ", xs)
                + "]\n    y-axis \"" + mermaidText(yLabel) + "\"\n    line [" + String.join(", ", ys) + "]\n```\n\n";
    }

    /** Text safe inside a Mermaid quoted string: letters, digits and plain punctuation only. */
    static String mermaidText(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints()
                .forEach(c ->
                        sb.appendCodePoint(Character.isLetterOrDigit(c) || " .,:/()=+-_%".indexOf(c) >= 0 ? c : ' '));
        return sb.toString();
    }

    private static void recommendations(StringBuilder sb, List<Recommendations.Recommendation> list) {
        if (list.isEmpty()) {
            return;
        }
        sb.append("### Recommendations\n\n");
        for (Recommendations.Recommendation r : list) {
            sb.append("- ")
                    .append(r.severity().equals("warning") ? "⚠️" : "ℹ️")
                    .append(" **")
                    .append(Markdown.escape(r.subject()))
                    .append("**: ")
                    .append(Markdown.escape(r.advice()))
                    .append(". Evidence: ")
                    .append(Markdown.escape(r.evidence()))
                    .append('\n');
        }
        sb.append('\n');
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "" : Numbers.fixed(bytes / 1e6, 1);
    }
}
