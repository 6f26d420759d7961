package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTML of runs: overview cards, facts, environment, JMH table, then each load loop ({@link HtmlLoad}). */
final class HtmlRun {
    private HtmlRun() {}

    /** The page of one run. */
    static String run(RunResult result, String source) {
        RunReport r = RunReport.of(result);
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf run: ")
                .append(Html.escape(r.summary().suite()))
                .append(" (")
                .append(Html.escape(r.summary().profile()))
                .append(")</h1>\n");
        runSections(body, result, r);
        return HtmlPage.page("perf report: " + r.summary().suite(), body, result.perfVersion(), source);
    }

    /** One page with a part per run, labelled by the files they came from. */
    static String runs(List<RunResult> results, List<String> labels) {
        if (results.size() == 1) {
            return run(results.get(0), labels.get(0));
        }
        StringBuilder body =
                new StringBuilder("<h1>perf report: ").append(results.size()).append(" runs</h1>\n");
        for (int i = 0; i < results.size(); i++) {
            RunReport r = RunReport.of(results.get(i));
            body.append("<h2>")
                    .append(Html.escape(labels.get(i)))
                    .append(": ")
                    .append(Html.escape(r.summary().suite()))
                    .append(" (")
                    .append(Html.escape(r.summary().profile()))
                    .append(")</h2>\n");
            runSections(body, results.get(i), r);
        }
        return HtmlPage.page("perf report", body, results.get(0).perfVersion(), String.join(", ", labels));
    }

    // ---- sections of a run ----

    static void runSections(StringBuilder body, RunResult result, RunReport r) {
        RunReport.Overview o = r.summary();
        body.append("<section id=\"summary\"><p class=\"summary\">")
                .append(Html.escape(MarkdownRun.executiveSummary(o).replace("**", "")))
                .append("</p>\n<div class=\"cards\">");
        HtmlPage.card(body, "benchmarks", Integer.toString(o.benchmarks()), "");
        HtmlPage.card(body, "ok", Long.toString(o.ok()), "pass");
        HtmlPage.card(body, "failed", Long.toString(o.failed()), o.failed() > 0 ? "fail" : "");
        if (!r.slos().isEmpty()) {
            HtmlPage.card(body, "SLO pass", Integer.toString(o.sloPass()), "pass");
            HtmlPage.card(body, "SLO warn", Integer.toString(o.sloWarn()), o.sloWarn() > 0 ? "warn" : "");
            HtmlPage.card(body, "SLO fail", Integer.toString(o.sloFail()), o.sloFail() > 0 ? "fail" : "");
        }
        HtmlPage.card(body, "duration", Numbers.duration(o.durationSeconds()), "");
        body.append("</div>\n");
        if (o.interrupted()) {
            body.append("<p class=\"warn\">Interrupted: only the benchmarks that finished are shown.</p>\n");
        }
        body.append("</section>\n");
        if (!r.recommendations().isEmpty()) {
            body.append("<section id=\"recommendations\"><h2>Recommendations</h2><ul>\n");
            for (Recommendations.Recommendation rec : r.recommendations()) {
                body.append("<li class=\"")
                        .append(rec.severity())
                        .append("\"><b>")
                        .append(Html.escape(rec.subject()))
                        .append("</b>: ")
                        .append(Html.escape(rec.advice()))
                        .append(". <i>Evidence: ")
                        .append(Html.escape(rec.evidence()))
                        .append("</i></li>\n");
            }
            body.append("</ul></section>\n");
        }
        environment(body, o, r.environment());
        jmh(body, r.jmh());
        Map<String, BenchmarkResult> byName = new HashMap<>();
        result.benchmarks().forEach(b -> byName.putIfAbsent(b.name(), b));
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() != null) {
                HtmlLoad.load(body, b, r, Journey.of(b, byName));
            }
        }
        messages(body, MessageRows.of(result));
        table(body, "service", "The service", ServiceRows.OBSERVED_HEADER, ServiceRows.observed(result), false);
        table(body, "traces", "Slowest requests", ServiceRows.TRACE_HEADER, ServiceRows.traces(result), true);
        HtmlScaling.html(body, Scaling.of(result));
        if (!r.failed().isEmpty()) {
            body.append("<section id=\"failed\"><h2>Failed</h2><ul>");
            for (RunReport.Failure f : r.failed()) {
                body.append("<li><b>")
                        .append(Html.escape(f.benchmark()))
                        .append("</b>: ")
                        .append(Html.escape(f.error()))
                        .append("</li>");
            }
            body.append("</ul></section>\n");
        }
    }

    static void environment(StringBuilder body, RunReport.Overview o, Environment env) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Run", o.runId() + (o.shard() == null ? "" : " (shard " + o.shard() + ")"));
        if (o.commit() != null) {
            rows.put("Commit", o.commit() + (Boolean.TRUE.equals(o.dirty()) ? " (dirty)" : ""));
        }
        if (env != null) {
            rows.put(
                    "CPU", env.cpuModel() + " (" + env.physicalCores() + " cores, " + env.logicalCores() + " threads)");
            rows.put("Memory", env.memoryBytes() == null ? null : Numbers.fixed(env.memoryBytes() / 1e9, 1) + " GB");
            rows.put("OS", env.os() + (env.kernel() == null ? "" : ", kernel " + env.kernel()));
            rows.put("CPU governor", env.governor());
            rows.put("Container", env.container());
            rows.put("Container limits", env.limits() == null ? null : Environment.Limits.describe(env.limits()));
            rows.put("Load average at start", env.loadAverage1m() == null ? null : Numbers.label(env.loadAverage1m()));
            if (env.jvm() != null) {
                rows.put(
                        "perf's JVM",
                        env.jvm().vendor() + " " + env.jvm().name() + " "
                                + env.jvm().version());
                rows.put("perf's JVM flags", String.join(" ", env.jvm().args()));
            }
            if (env.forks() != null) {
                rows.put(
                        "Benchmark JVM (JMH forks)",
                        "JMH " + env.forks().jmhVersion() + ", " + env.forks().vmName() + " "
                                + env.forks().vmVersion());
                rows.put("Benchmark JVM flags", String.join(" ", env.forks().jvmArgs()));
            }
        }
        body.append("<section id=\"environment\"><h2>Environment</h2><table>");
        rows.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                body.append("<tr><th>")
                        .append(k)
                        .append("</th><td>")
                        .append(Html.escape(v))
                        .append("</td></tr>");
            }
        });
        body.append("</table></section>\n");
    }

    /** A titled table of {@code rows}; with {@code linked}, the last cell is a link that opens the row's trace. */
    static void table(
            StringBuilder body, String id, String title, String[] header, List<String[]> rows, boolean linked) {
        if (rows.isEmpty()) {
            return;
        }
        body.append("<section id=\"")
                .append(id)
                .append("\"><h2>")
                .append(Html.escape(title))
                .append("</h2>\n<table><tr>");
        for (String h : header) {
            body.append("<th>").append(Html.escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (String[] row : rows) {
            body.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                boolean link = linked
                        && i == row.length - 1
                        && !row[i].isEmpty()
                        && (row[i].startsWith("http://") || row[i].startsWith("https://"));
                body.append("<td>")
                        .append(
                                link
                                        ? "<a href=\"" + Html.escape(row[i])
                                                + "\" target=\"_blank\" rel=\"noopener\">open trace</a>"
                                        : Html.escape(row[i]))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table></section>\n");
    }

    /** What the messaging loops' consumers received of what the brokers acknowledged. */
    static void messages(StringBuilder body, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append("<section id=\"messages\"><h2>Messages</h2>\n<table><tr>");
        for (String h : MessageRows.HEADER) {
            body.append("<th>").append(Html.escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (String[] row : rows) {
            body.append("<tr><td>").append(Html.escape(row[0])).append("</td>");
            for (int i = 1; i < row.length; i++) {
                body.append("<td class=\"n\">").append(Html.escape(row[i])).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table></section>\n");
    }

    static void jmh(StringBuilder body, List<RunReport.JmhRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append(
                "<section id=\"jmh\"><h2>Microbenchmarks</h2>\n<table><tr><th>Benchmark</th><th>Mode</th>"
                        + "<th>Cnt</th><th>Score</th><th>Error (99.9%)</th><th>Units</th><th>CV</th><th>Alloc B/op</th></tr>\n");
        for (RunReport.JmhRow r : rows) {
            Numbers.Scale scale = Numbers.scale(r.unit(), r.score());
            body.append("<tr><td>")
                    .append(Html.escape(r.benchmark()))
                    .append("</td><td>")
                    .append(Html.escape(r.mode()))
                    .append("</td><td class=\"n\">")
                    .append(r.samples())
                    .append("</td><td class=\"n\">")
                    .append(Numbers.score(r.score() * scale.factor()))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.error()) ? "" : "± " + Numbers.score(r.error() * scale.factor()))
                    .append("</td><td>")
                    .append(Html.escape(scale.unit()))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.cvPercent()) ? "" : Numbers.fixed(r.cvPercent(), 1) + "%")
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.allocBytesPerOp()) ? "" : Numbers.score(r.allocBytesPerOp()))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        // one bar chart per unit: scores in different units do not share an axis
        Map<String, List<RunReport.JmhRow>> byUnit = new LinkedHashMap<>();
        rows.forEach(
                r -> byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>()).add(r));
        byUnit.forEach((unit, list) -> {
            // one scale for the chart's axis: its largest score's
            Numbers.Scale scale = Numbers.scale(
                    unit,
                    list.stream()
                            .mapToDouble(RunReport.JmhRow::score)
                            .filter(Double::isFinite)
                            .max()
                            .orElse(Double.NaN));
            body.append(SvgPlots.bars(
                    "JMH scores (" + scale.unit() + ") with 99.9 % error",
                    scale.unit(),
                    list.stream().map(RunReport.JmhRow::benchmark).toList(),
                    list.stream().mapToDouble(r -> r.score() * scale.factor()).toArray(),
                    list.stream().mapToDouble(r -> r.error() * scale.factor()).toArray()));
        });
        body.append("</section>\n");
    }
}
