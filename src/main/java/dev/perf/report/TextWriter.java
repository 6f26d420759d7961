package dev.perf.report;

import dev.perf.result.PerfException;

/** Fixed-width text for a terminal: the run summary, the comparison table. */
final class TextWriter implements ReportWriter {
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
                sb.append(RunSummary.text(runs.results().get(i)));
            }
            return sb.toString();
        }
        if (subject instanceof Subject.Compared c) {
            String table = ComparisonReport.text(c.comparison(), options.colour());
            return c.current() == null ? table : table + "\n" + RunSummary.text(c.current());
        }
        throw PerfException.usage("a history is written as md, json or html, not text");
    }
}
