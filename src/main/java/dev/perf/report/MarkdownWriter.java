package dev.perf.report;

/** GitHub-flavoured Markdown: a run report, a comparison (then the current run), a history. */
final class MarkdownWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            return String.join(
                    "\n", runs.results().stream().map(MarkdownReport::run).toList());
        }
        if (subject instanceof Subject.Compared c) {
            String table = ComparisonReport.markdown(c.comparison());
            return c.current() == null ? table : table + "\n" + MarkdownReport.run(c.current());
        }
        return ((Subject.Trend) subject).history().markdown();
    }
}
