package dev.perf.report;

import dev.perf.result.PerfVersion;

/** One self-contained HTML page with inline SVG charts and no external resources. */
final class HtmlWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            return HtmlRun.runs(runs.results(), runs.labels());
        }
        if (subject instanceof Subject.Compared c) {
            return HtmlComparison.comparison(c.comparison(), c.current(), PerfVersion.get());
        }
        if (subject instanceof Subject.Table t) {
            return HtmlComparison.table(t.table(), t.runs(), PerfVersion.get());
        }
        return HtmlHistory.history(((Subject.Trend) subject).history(), PerfVersion.get());
    }
}
