package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.result.BenchmarkResult;
import dev.perf.result.Environment;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.Numbers;
import dev.perf.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One self-contained HTML page per report: styles inline, charts as inline SVG ({@link Svg}), no script and
 * no network reference, so it opens anywhere, offline, and can be attached to a CI run. Views: one run, a
 * comparison of two, a history. Every string from a result is escaped. Pure and thread-safe.
 */
public final class HtmlReport {
    private static final String STYLE =
            """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:0;\
            background:#f9fafb}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #e5e7eb}\
            h3{font-size:16px;margin:20px 0 6px}
            .summary{font-size:15px}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
            .card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 16px;min-width:110px}
            .card b{display:block;font-size:22px}
            table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}
            th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f4f6}
            .pass,.improved,.unchanged{color:#15803d}.warn{color:#b45309}.fail{color:#b91c1c;font-weight:600}
            .inconclusive,.missing,.new{color:#6b7280}
            figure.chart{background:#fff;border:1px solid #e5e7eb;border-radius:8px;margin:10px 0;padding:6px;\
            display:inline-block}
            svg text{font:11px system-ui,sans-serif;fill:#374151}svg text.title{font-size:13px;font-weight:600}
            li.warning::marker{content:"⚠ "}li.info::marker{content:"ℹ "}
            code{background:#f3f4f6;padding:0 3px;border-radius:3px}
            footer{color:#6b7280;margin-top:40px;font-size:12px}
            """;

    private HtmlReport() {}

    /** The page of one run. */
    public static String run(RunResult result, String source) {
        RunReport r = RunReport.of(result);
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf run: ")
                .append(Html.escape(r.summary().suite()))
                .append(" (")
                .append(Html.escape(r.summary().profile()))
                .append(")</h1>\n");
        runSections(body, result, r);
        return page("perf report: " + r.summary().suite(), body, result.perfVersion(), source);
    }

    /** One page with a part per run, labelled by the files they came from. */
    public static String runs(List<RunResult> results, List<String> labels) {
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
        return page("perf report", body, results.get(0).perfVersion(), String.join(", ", labels));
    }

    /** The page comparing two results: verdicts, a forest plot of the changes, then the current run. */
    public static String comparison(Comparison c, RunResult current, String version) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf compare</h1>\n<p class=\"summary\"><code>")
                .append(Html.escape(c.base()))
                .append("</code> → <code>")
                .append(Html.escape(c.current()))
                .append("</code>: ")
                .append(Html.escape(ComparisonCells.summaryLine(c)))
                .append("</p>\n<div class=\"cards\">");
        for (Verdict v : Verdict.values()) {
            long n = c.count(v);
            if (n > 0) {
                card(
                        body,
                        v.name().toLowerCase(Locale.ROOT),
                        Long.toString(n),
                        v.name().toLowerCase(Locale.ROOT));
            }
        }
        body.append("</div>\n<section id=\"comparison\"><h2>Changes</h2>\n");
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        for (Comparison.Row row : c.rows()) {
            if (row.base() == null || row.current() == null || Double.isNaN(row.change())) {
                continue;
            }
            labels.add(row.displayName() + " " + row.metric());
            points.add(100 * row.change());
            lows.add(100 * row.changeLower());
            highs.add(100 * row.changeUpper());
            colours.add(
                    switch (row.verdict()) {
                        case FAIL -> "#b91c1c";
                        case WARN -> "#b45309";
                        case IMPROVED -> "#15803d";
                        default -> "#2563eb";
                    });
        }
        body.append(Svg.intervals(
                "change of the median with its confidence interval",
                "change, % (current vs base)",
                labels,
                array(points),
                array(lows),
                array(highs),
                colours));
        body.append("<table><tr><th>Benchmark</th><th>Metric</th><th>Base</th><th>Current</th><th>Change</th>"
                + "<th>CI</th><th>p</th><th>Verdict</th><th>Reason</th></tr>\n");
        for (Comparison.Row row : c.rows()) {
            body.append("<tr><td>")
                    .append(Html.escape(row.displayName()))
                    .append("</td><td>")
                    .append(Html.escape(row.metric() + " (" + row.unit() + ")"))
                    .append("</td><td class=\"n\">")
                    .append(row.base() == null ? "" : Numbers.label(row.base().median()))
                    .append("</td><td class=\"n\">")
                    .append(
                            row.current() == null
                                    ? ""
                                    : Numbers.label(row.current().median()))
                    .append("</td><td class=\"n\">")
                    .append(Html.escape(Numbers.change(row.change())))
                    .append("</td><td class=\"n\">")
                    .append(
                            Double.isNaN(row.changeLower())
                                    ? ""
                                    : Html.escape(Numbers.change(row.changeLower()) + " … "
                                            + Numbers.change(row.changeUpper())))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(row.p()) ? "" : String.format(Locale.ROOT, "%.4f", row.p()))
                    .append("</td><td class=\"")
                    .append(row.verdict().name().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(row.verdict().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(Html.escape(row.reason()))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        if (!c.environment().isEmpty()) {
            body.append("<h3>Environment differences</h3><table><tr><th>Field</th><th>Base</th><th>Current</th></tr>");
            for (Comparison.EnvironmentDifference d : c.environment()) {
                body.append("<tr><td>")
                        .append(Html.escape(d.field()))
                        .append("</td><td>")
                        .append(Html.escape(d.base()))
                        .append("</td><td>")
                        .append(Html.escape(d.current()))
                        .append("</td></tr>");
            }
            body.append("</table>\n");
        }
        body.append("</section>\n");
        if (current != null) {
            body.append("<h2>Current run</h2>\n");
            runSections(body, current, RunReport.of(current));
        }
        return page("perf compare", body, version, c.base() + " vs " + c.current());
    }

    /** The history page: per benchmark × metric a trend chart with its change points and a table. */
    public static String history(History h, String version) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>perf history</h1>\n<p class=\"summary\">")
                .append(h.runs().size())
                .append(" runs from ")
                .append(Html.escape(h.runs().get(0).label()))
                .append(" to ")
                .append(Html.escape(h.runs().get(h.runs().size() - 1).label()))
                .append(" · ")
                .append(h.series().size())
                .append(" series · ")
                .append(h.series().stream()
                        .mapToInt(s -> s.changePoints().size())
                        .sum())
                .append(" change points (")
                .append(Html.escape(History.METHOD))
                .append(")</p>\n");
        for (History.Series s : h.series()) {
            body.append("<section class=\"series\"><h3>")
                    .append(Html.escape(s.benchmark()))
                    .append(" · ")
                    .append(Html.escape(s.metric()))
                    .append("</h3>\n");
            double[] x = new double[s.values().size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.runIndexes().get(i) + 1;
            }
            List<Svg.Marker> markers = new ArrayList<>();
            for (History.Change ch : s.changePoints()) {
                markers.add(new Svg.Marker(
                        ch.runIndex() + 1, "change at " + ch.run() + ": " + Numbers.change(ch.relativeChange())));
            }
            body.append(Svg.line(new Svg.LineChart(
                    s.benchmark() + " " + s.metric() + " by run",
                    "run (oldest first)",
                    s.unit(),
                    List.of(new Svg.Series(s.metric(), x, array(s.values()))),
                    null,
                    markers,
                    false)));
            if (!s.changePoints().isEmpty()) {
                body.append("<table><tr><th>Change starts at run</th><th>Commit</th><th>Before</th><th>After</th>"
                        + "<th>Change</th><th>p</th></tr>");
                for (History.Change ch : s.changePoints()) {
                    body.append("<tr><td>")
                            .append(Html.escape(ch.run()))
                            .append("</td><td><code>")
                            .append(Html.escape(ch.commit() == null ? "" : ch.commit()))
                            .append("</code></td><td class=\"n\">")
                            .append(Numbers.label(ch.meanBefore()))
                            .append("</td><td class=\"n\">")
                            .append(Numbers.label(ch.meanAfter()))
                            .append("</td><td class=\"n\">")
                            .append(Html.escape(Numbers.change(ch.relativeChange())))
                            .append("</td><td class=\"n\">")
                            .append(String.format(Locale.ROOT, "%.3f", ch.pValue()))
                            .append("</td></tr>");
                }
                body.append("</table>\n");
            }
            body.append("</section>\n");
        }
        return page("perf history", body, version, h.directory());
    }

    // ---- sections of a run ----

    private static void runSections(StringBuilder body, RunResult result, RunReport r) {
        RunReport.Overview o = r.summary();
        body.append("<section id=\"summary\"><p class=\"summary\">")
                .append(Html.escape(MarkdownReport.executiveSummary(o).replace("**", "")))
                .append("</p>\n<div class=\"cards\">");
        card(body, "benchmarks", Integer.toString(o.benchmarks()), "");
        card(body, "ok", Long.toString(o.ok()), "pass");
        card(body, "failed", Long.toString(o.failed()), o.failed() > 0 ? "fail" : "");
        if (!r.slos().isEmpty()) {
            card(body, "SLO pass", Integer.toString(o.sloPass()), "pass");
            card(body, "SLO warn", Integer.toString(o.sloWarn()), o.sloWarn() > 0 ? "warn" : "");
            card(body, "SLO fail", Integer.toString(o.sloFail()), o.sloFail() > 0 ? "fail" : "");
        }
        card(body, "duration", Numbers.duration(o.durationSeconds()), "");
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
        for (BenchmarkResult b : result.benchmarks()) {
            if (b.load() != null) {
                load(body, b, r);
            }
        }
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

    private static void environment(StringBuilder body, RunReport.Overview o, Environment env) {
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
            rows.put("Load average at start", env.loadAverage1m() == null ? null : Numbers.label(env.loadAverage1m()));
            if (env.jvm() != null) {
                rows.put(
                        "JVM",
                        env.jvm().vendor() + " " + env.jvm().name() + " "
                                + env.jvm().version());
                rows.put("JVM flags", String.join(" ", env.jvm().args()));
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

    private static void jmh(StringBuilder body, List<RunReport.JmhRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append(
                "<section id=\"jmh\"><h2>Microbenchmarks</h2>\n<table><tr><th>Benchmark</th><th>Mode</th>"
                        + "<th>Cnt</th><th>Score</th><th>Error (99.9%)</th><th>Units</th><th>CV</th><th>Alloc B/op</th></tr>\n");
        for (RunReport.JmhRow r : rows) {
            body.append("<tr><td>")
                    .append(Html.escape(r.benchmark()))
                    .append("</td><td>")
                    .append(Html.escape(r.mode()))
                    .append("</td><td class=\"n\">")
                    .append(r.samples())
                    .append("</td><td class=\"n\">")
                    .append(Numbers.fixed(r.score(), 3))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.error()) ? "" : "± " + Numbers.fixed(r.error(), 3))
                    .append("</td><td>")
                    .append(Html.escape(r.unit()))
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.cvPercent()) ? "" : Numbers.fixed(r.cvPercent(), 1) + "%")
                    .append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.allocBytesPerOp()) ? "" : Numbers.fixed(r.allocBytesPerOp(), 3))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        // one bar chart per unit: scores in different units do not share an axis
        Map<String, List<RunReport.JmhRow>> byUnit = new LinkedHashMap<>();
        rows.forEach(
                r -> byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>()).add(r));
        byUnit.forEach((unit, list) -> body.append(Svg.bars(
                "JMH scores (" + unit + ") with 99.9 % error",
                unit,
                list.stream().map(RunReport.JmhRow::benchmark).toList(),
                list.stream().mapToDouble(RunReport.JmhRow::score).toArray(),
                list.stream().mapToDouble(RunReport.JmhRow::error).toArray())));
        body.append("</section>\n");
    }

    private static void load(StringBuilder body, BenchmarkResult b, RunReport r) {
        LoadDetails d = b.load();
        String name = b.displayName();
        body.append("<section class=\"load\"><h2>Load: ")
                .append(Html.escape(name))
                .append("</h2>\n");
        body.append("<p>")
                .append(Html.escape(d.model() + " model · " + d.target()))
                .append(" · measured ")
                .append(Numbers.duration(d.durationNanos() / 1e9))
                .append(" after ")
                .append(Numbers.duration(d.warmupNanos() / 1e9))
                .append(" warm-up (excluded)</p>\n");
        for (RunReport.LoadRow row : r.load()) {
            if (row.benchmark().equals(name)) {
                body.append("<table><tr><th>Throughput/s</th><th>Target/s</th><th>p50 ms</th><th>p95 ms</th>"
                                + "<th>p99 ms</th><th>max ms</th><th>Errors</th><th>Dropped</th></tr><tr>")
                        .append(cell(Numbers.fixed(row.throughput(), 1)))
                        .append(cell(
                                Double.isNaN(row.targetRatePerSec()) ? "" : Numbers.fixed(row.targetRatePerSec(), 1)))
                        .append(cell(Numbers.fixed(row.p50Millis(), 3)))
                        .append(cell(Numbers.fixed(row.p95Millis(), 3)))
                        .append(cell(Numbers.fixed(row.p99Millis(), 3)))
                        .append(cell(Numbers.fixed(row.maxMillis(), 3)))
                        .append(cell(row.failures() + " (" + Numbers.fixed(row.errorRatePercent(), 1) + "%)"))
                        .append(cell(Long.toString(row.dropped())))
                        .append("</tr></table>\n");
                if (row.generatorBoundReason() != null) {
                    body.append("<p class=\"warn\">Generator-bound, SLO verdicts inconclusive: ")
                            .append(Html.escape(row.generatorBoundReason()))
                            .append("</p>\n");
                }
            }
        }
        List<RunReport.SloRow> slos =
                r.slos().stream().filter(s -> s.benchmark().equals(name)).toList();
        if (!slos.isEmpty()) {
            body.append(
                    "<table><tr><th>SLO</th><th>Target</th><th>Acceptable</th><th>Current</th><th>Status</th></tr>");
            for (RunReport.SloRow s : slos) {
                body.append("<tr><td>")
                        .append(Html.escape(s.metric()))
                        .append("</td><td>")
                        .append(Html.escape(s.target()))
                        .append("</td><td>")
                        .append(Html.escape(s.acceptable()))
                        .append("</td><td class=\"n\">")
                        .append(Numbers.fixed(s.current(), 3))
                        .append(' ')
                        .append(Html.escape(s.unit()))
                        .append("</td><td class=\"")
                        .append(Html.escape(s.status()))
                        .append("\">")
                        .append(Html.escape(s.status()))
                        .append(s.reason() == null ? "" : " (" + Html.escape(s.reason()) + ")")
                        .append("</td></tr>");
            }
            body.append("</table>\n");
        }
        body.append(percentileChart(name, d));
        List<LoadDetails.Second> ts = d.timeSeries();
        double[] seconds = ts.stream().mapToDouble(s -> s.second() + 1).toArray();
        body.append(Svg.line(new Svg.LineChart(
                name + ": achieved rate per second",
                "second",
                "ops/s",
                List.of(new Svg.Series(
                        "achieved",
                        seconds,
                        ts.stream().mapToDouble(LoadDetails.Second::ratePerSec).toArray())),
                null,
                List.of(),
                true)));
        body.append(Svg.line(new Svg.LineChart(
                name + ": response time per second",
                "second",
                "ms",
                List.of(
                        new Svg.Series(
                                "p50",
                                seconds,
                                ts.stream()
                                        .mapToDouble(s -> s.p50Micros() / 1e3)
                                        .toArray()),
                        new Svg.Series(
                                "p99",
                                seconds,
                                ts.stream()
                                        .mapToDouble(s -> s.p99Micros() / 1e3)
                                        .toArray())),
                null,
                List.of(),
                true)));
        if (!d.host().isEmpty()) {
            double[] hostSeconds = d.host().stream()
                    .mapToDouble(LoadDetails.HostSample::second)
                    .toArray();
            List<Svg.Series> cpu = new ArrayList<>();
            cpu.add(new Svg.Series(
                    "system % of all cores",
                    hostSeconds,
                    d.host().stream()
                            .mapToDouble(LoadDetails.HostSample::cpuPercent)
                            .toArray()));
            cpu.add(new Svg.Series(
                    "perf % of a core",
                    hostSeconds,
                    d.host().stream()
                            .mapToDouble(LoadDetails.HostSample::perfCpuPercent)
                            .toArray()));
            boolean monitored = d.host().stream().anyMatch(h -> !Double.isNaN(h.monitoredCpuPercent()));
            if (monitored) {
                cpu.add(new Svg.Series(
                        "monitored % of a core",
                        hostSeconds,
                        d.host().stream()
                                .mapToDouble(LoadDetails.HostSample::monitoredCpuPercent)
                                .toArray()));
            }
            body.append(Svg.line(new Svg.LineChart(name + ": CPU", "second", "%", cpu, null, List.of(), true)));
            List<Svg.Series> rss = new ArrayList<>();
            rss.add(new Svg.Series(
                    "perf RSS",
                    hostSeconds,
                    d.host().stream()
                            .mapToDouble(h -> megabytesOrNaN(h.perfRssBytes()))
                            .toArray()));
            if (monitored) {
                rss.add(new Svg.Series(
                        "monitored RSS",
                        hostSeconds,
                        d.host().stream()
                                .mapToDouble(h -> megabytesOrNaN(h.monitoredRssBytes()))
                                .toArray()));
            }
            body.append(Svg.line(new Svg.LineChart(name + ": memory", "second", "MB", rss, null, List.of(), true)));
        }
        if (!d.curve().isEmpty()) {
            double[] asked = d.curve().stream()
                    .mapToDouble(LoadDetails.RateStep::ratePerSec)
                    .toArray();
            body.append(Svg.line(new Svg.LineChart(
                    name + ": findMaxRate curve",
                    "rate asked, ops/s",
                    "p99 ms",
                    List.of(new Svg.Series(
                            "p99",
                            asked,
                            d.curve().stream()
                                    .mapToDouble(LoadDetails.RateStep::p99Millis)
                                    .toArray())),
                    null,
                    List.of(),
                    true)));
        }
        body.append("</section>\n");
    }

    /**
     * The latency distribution as HdrHistogram plots it: percentile on a "nines" axis (x = −log10(1 − p)), so
     * 90 %, 99 %, 99.9 % are evenly spaced; response and service time together show coordinated omission.
     */
    static String percentileChart(String name, LoadDetails d) {
        List<Svg.Series> series = new ArrayList<>();
        double maxNines = 1;
        if (d.histograms() != null) {
            for (String[] h : new String[][] {
                {"response time (from intended start)", d.histograms().response()},
                {"service time (from actual start)", d.histograms().service()}
            }) {
                if (h[1] == null) {
                    continue;
                }
                Histogram histogram;
                try {
                    histogram = HistogramCodec.decode(h[1]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (histogram.getTotalCount() == 0) {
                    continue;
                }
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                // the last finite nines: 1/n of the way from 100 %
                double cap = Math.log10((double) histogram.getTotalCount());
                for (HistogramIterationValue v : histogram.percentiles(5)) {
                    double p = v.getPercentileLevelIteratedTo() / 100;
                    double nines = p >= 1 ? cap : Math.min(cap, -Math.log10(1 - p));
                    xs.add(nines);
                    ys.add(histogram.highestEquivalentValue(v.getValueIteratedTo()) / 1e6);
                }
                maxNines = Math.max(maxNines, cap);
                series.add(new Svg.Series(h[0], array(xs), array(ys)));
            }
        }
        List<Svg.Tick> ticks = new ArrayList<>();
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
        for (int k = 0; k <= Math.min(6, Math.ceil(maxNines)); k++) {
            ticks.add(new Svg.Tick(k, labels[k]));
        }
        return Svg.line(new Svg.LineChart(
                name + ": latency by percentile", "percentile", "ms", series, ticks, List.of(), true));
    }

    // ---- page ----

    private static String page(String title, StringBuilder body, String version, String source) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"generator\" content=\"perf " + Html.escape(version) + "\">"
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>\n<body><main>\n"
                + body + "<footer>perf " + Html.escape(version) + " · " + Html.escape(source)
                + "</footer>\n</main></body></html>\n";
    }

    private static void card(StringBuilder body, String label, String value, String cssClass) {
        body.append("<div class=\"card ")
                .append(cssClass)
                .append("\"><b>")
                .append(Html.escape(value))
                .append("</b>")
                .append(Html.escape(label))
                .append("</div>");
    }

    private static String cell(String text) {
        return "<td class=\"n\">" + Html.escape(text) + "</td>";
    }

    private static double megabytesOrNaN(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1e6;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
