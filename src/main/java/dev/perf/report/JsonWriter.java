package dev.perf.report;

/** perf's JSON report models: a run view (or a list of them), a comparison, a history. */
final class JsonWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            return Reports.json(runs.single() ? runs.views().get(0) : runs.views());
        }
        if (subject instanceof Subject.Compared c) {
            return Reports.json(c.comparison());
        }
        return Reports.json(((Subject.Trend) subject).history());
    }
}
