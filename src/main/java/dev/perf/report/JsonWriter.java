package dev.perf.report;

import dev.perf.result.Json;

/** perf's JSON report models: a run view (or a list of them), a comparison (two inputs or N-way), a history. */
final class JsonWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        if (subject instanceof Subject.Runs runs) {
            return Json.write(runs.single() ? runs.views().get(0) : runs.views());
        }
        if (subject instanceof Subject.Compared c) {
            return Json.write(c.comparison());
        }
        if (subject instanceof Subject.Table t) {
            return Json.write(t.table());
        }
        return Json.write(((Subject.Trend) subject).history());
    }
}
