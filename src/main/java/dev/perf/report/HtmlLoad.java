package dev.perf.report;

import dev.perf.result.BenchmarkResult;
import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import dev.perf.result.Numbers;
import dev.perf.result.Observed;
import dev.perf.stats.TheilSen;
import dev.perf.suite.ObserveSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The HTML of one load loop: its tables, SLOs, percentile distribution and per-second charts. */
final class HtmlLoad {
    private HtmlLoad() {}

    /** The loop's section; {@code journey} (null when it is no scenario) adds the waterfall of its steps. */
    static void load(StringBuilder body, BenchmarkResult b, RunReport r, Journey journey) {
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
        tables(body, name, r);
        body.append(percentileChart(name, d));
        perSecond(body, name, d);
        observed(body, name, d);
        host(body, name, d);
        curve(body, name, d);
        if (journey != null) {
            body.append(HtmlJourney.waterfall(journey));
        }
        body.append("</section>\n");
    }

    /** The loop's numbers and its SLO verdicts. */
    private static void tables(StringBuilder body, String name, RunReport r) {
        for (RunReport.LoadRow row : r.load()) {
            if (row.benchmark().equals(name)) {
                body.append("<table><tr><th>Throughput/s</th><th>Target/s</th><th>p50 ms</th><th>p95 ms</th>"
                                + "<th>p99 ms</th><th>max ms</th><th>Errors</th><th>Dropped</th></tr><tr>")
                        .append(HtmlPage.cell(Numbers.fixed(row.throughput(), 1)))
                        .append(HtmlPage.cell(
                                Double.isNaN(row.targetRatePerSec()) ? "" : Numbers.fixed(row.targetRatePerSec(), 1)))
                        .append(HtmlPage.cell(Numbers.fixed(row.p50Millis(), 3)))
                        .append(HtmlPage.cell(Numbers.fixed(row.p95Millis(), 3)))
                        .append(HtmlPage.cell(Numbers.fixed(row.p99Millis(), 3)))
                        .append(HtmlPage.cell(Numbers.fixed(row.maxMillis(), 3)))
                        .append(HtmlPage.cell(row.failures() + " (" + Numbers.fixed(row.errorRatePercent(), 1) + "%)"))
                        .append(HtmlPage.cell(Long.toString(row.dropped())))
                        .append("</tr></table>\n");
                if (row.generatorBoundReason() != null) {
                    body.append("<p class=\"warn\">")
                            .append(Html.escape(RunReport.GENERATOR_BOUND))
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
    }

    /** Achieved rate and response time, second by second. */
    private static void perSecond(StringBuilder body, String name, LoadDetails d) {
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
    }

    /**
     * The service's own figures second by second, one chart per unit, on the seconds of the client's charts; a
     * time unit's chart draws the client's p99 in that unit beside them.
     */
    private static void observed(StringBuilder body, String name, LoadDetails d) {
        Map<String, List<Observed>> byUnit = new LinkedHashMap<>();
        d.observed().forEach(o -> byUnit.computeIfAbsent(o.unit(), u -> new ArrayList<>())
                .add(o));
        byUnit.forEach((unit, list) -> {
            List<Svg.Series> lines = new ArrayList<>();
            for (Observed o : list) {
                double[] seconds = new double[o.perSecond().size()];
                Arrays.setAll(seconds, i -> i + 1);
                lines.add(new Svg.Series(
                        o.name(),
                        seconds,
                        o.perSecond().stream().mapToDouble(Double::doubleValue).toArray()));
            }
            double perNano = ObserveSpec.perNano(unit);
            if (!Double.isNaN(perNano)) {
                List<LoadDetails.Second> ts = d.timeSeries();
                lines.add(new Svg.Series(
                        "client p99",
                        ts.stream().mapToDouble(s -> s.second() + 1).toArray(),
                        ts.stream()
                                .mapToDouble(s -> s.p99Micros() * 1e3 * perNano)
                                .toArray()));
            }
            body.append(Svg.line(new Svg.LineChart(
                    name + ": the service's figures per second" + (unit.isEmpty() ? "" : " (" + unit + ")"),
                    "second",
                    unit,
                    lines,
                    null,
                    List.of(),
                    true)));
        });
    }

    /** The machine during the loop: CPU and memory of the host, perf and the monitored processes. */
    private static void host(StringBuilder body, String name, LoadDetails d) {
        if (d.host().isEmpty()) {
            return;
        }
        double[] hostSeconds =
                d.host().stream().mapToDouble(LoadDetails.HostSample::second).toArray();
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
        List<Svg.Series> memory = new ArrayList<>();
        memory.add(new Svg.Series(
                "perf RSS",
                hostSeconds,
                d.host().stream()
                        .mapToDouble(h -> HtmlPage.megabytesOrNaN(h.perfRssBytes()))
                        .toArray()));
        List<MonitoredProcess> watched = MonitoredProcess.of(d);
        long partial = d.host().get(d.host().size() - 1).second();
        for (MonitoredProcess m : watched) {
            if (m.samples().isEmpty()) {
                continue;
            }
            String who = watched.size() == 1 ? "monitored" : m.label();
            double[] seconds = m.samples().stream()
                    .mapToDouble(MonitoredProcess.Sample::second)
                    .toArray();
            cpu.add(new Svg.Series(
                    who + " % of a core",
                    seconds,
                    m.samples().stream()
                            .mapToDouble(MonitoredProcess.Sample::cpuPercent)
                            .toArray()));
            memory.add(new Svg.Series(
                    who + " RSS",
                    seconds,
                    m.samples().stream()
                            .mapToDouble(s -> HtmlPage.megabytesOrNaN(s.rssBytes()))
                            .toArray()));
            if (m.samples().stream().anyMatch(s -> s.heapUsedBytes() >= 0)) {
                memory.add(new Svg.Series(
                        who + " heap in use",
                        seconds,
                        m.samples().stream()
                                .mapToDouble(s -> HtmlPage.megabytesOrNaN(s.heapUsedBytes()))
                                .toArray()));
            }
            rssTrend(who, m, partial, memory);
        }
        body.append(Svg.line(new Svg.LineChart(name + ": CPU", "second", "%", cpu, null, List.of(), true)));
        body.append(Svg.line(new Svg.LineChart(name + ": memory", "second", "MB", memory, null, List.of(), true)));
    }

    /**
     * A monitored process's RSS trend as a line: the Theil–Sen fit over the same windows {@code rssGrowth} used
     * (every whole second with a reading), when there are enough of them.
     */
    private static void rssTrend(String who, MonitoredProcess m, long partialSecond, List<Svg.Series> memory) {
        List<MonitoredProcess.Sample> whole = m.samples().stream()
                .filter(s -> s.second() < partialSecond && s.rssBytes() >= 0)
                .toList();
        double[] x = whole.stream().mapToDouble(MonitoredProcess.Sample::second).toArray();
        double[] y = whole.stream().mapToDouble(s -> s.rssBytes() / 1e6).toArray();
        if (x.length < 3 || Double.isNaN(m.trends().getOrDefault("rssGrowth", Double.NaN))) {
            return; // the run found no trend (too few windows): draw none
        }
        TheilSen.Fit fit = TheilSen.fit(x, y, 0.95);
        double[] ends = {x[0], x[x.length - 1]};
        memory.add(new Svg.Series(
                String.format(Locale.ROOT, "%s RSS trend (Theil–Sen, %+.1f MB/h)", who, fit.slope() * 3600),
                ends,
                new double[] {fit.intercept() + fit.slope() * ends[0], fit.intercept() + fit.slope() * ends[1]}));
    }

    /** The p99 at each rate a findMaxRate search tried. */
    private static void curve(StringBuilder body, String name, LoadDetails d) {
        List<LoadDetails.RateStep> byRate = d.curveByRate(); // drawn in rate order, not the search's
        if (byRate.isEmpty()) {
            return;
        }
        double[] asked =
                byRate.stream().mapToDouble(LoadDetails.RateStep::ratePerSec).toArray();
        body.append(Svg.line(new Svg.LineChart(
                name + ": findMaxRate curve",
                "rate asked, ops/s",
                "p99 ms",
                List.of(new Svg.Series(
                        "p99",
                        asked,
                        byRate.stream()
                                .mapToDouble(LoadDetails.RateStep::p99Millis)
                                .toArray())),
                null,
                List.of(),
                true)));
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
                series.add(new Svg.Series(h[0], HtmlPage.array(xs), HtmlPage.array(ys)));
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
}
