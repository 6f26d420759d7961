package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Verdict;
import dev.perf.result.Numbers;
import dev.perf.result.PerfException;

/**
 * GitHub Actions workflow commands: {@code ::error} for each fail and {@code ::warning} for each warn of a
 * comparison and each key its environments differ in, or for each failed and warned SLO and each failed benchmark of a run; one line each.
 */
final class GitHubWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        StringBuilder sb = new StringBuilder();
        if (subject instanceof Subject.Compared c) {
            annotations(sb, c.comparison(), null, options);
            return sb.toString();
        }
        if (subject instanceof Subject.Table t) {
            for (int k = 0; k < t.table().comparisons().size(); k++) {
                annotations(
                        sb, t.table().comparisons().get(k), t.table().columns().get(k + 1), options);
            }
            return sb.toString();
        }
        if (subject instanceof Subject.Runs runs) {
            for (RunReport view : runs.views()) {
                for (RunReport.SloRow s : view.slos()) {
                    String level =
                            s.status().equals("fail") ? "error" : s.status().equals("warn") ? "warning" : null;
                    annotate(
                            sb,
                            level,
                            "perf: " + s.benchmark() + " " + s.metric(),
                            s.status() + ": " + Numbers.fixed(s.current(), 3) + " " + s.unit()
                                    + (s.target() == null ? "" : ", target " + s.target())
                                    + (s.acceptable() == null ? "" : ", acceptable " + s.acceptable()));
                }
                for (RunReport.Failure f : view.failed()) {
                    annotate(sb, "error", "perf: " + f.benchmark() + " failed", f.error());
                }
            }
            return sb.toString();
        }
        throw PerfException.usage("a history is written as md, json or html, not github");
    }

    /** An annotation per fail and warn of {@code c}; {@code column} names its column of an N-way view, else null. */
    private static void annotations(StringBuilder sb, Comparison c, String column, ReportOptions options) {
        for (Comparison.Row r : c.rows()) {
            String level = options.fails(r.verdict()) && r.verdict() != Verdict.WARN
                    ? "error"
                    : r.verdict() == Verdict.WARN || r.verdict() == Verdict.MISSING ? "warning" : null;
            annotate(
                    sb,
                    level,
                    "perf: " + r.displayName() + " " + r.metric() + (column == null ? "" : " (" + column + ")"),
                    Numbers.change(r.change()) + " " + r.reason());
        }
        for (Comparison.EnvironmentDifference d : c.environment()) {
            annotate(
                    sb,
                    "warning",
                    "perf: environment differs" + (column == null ? "" : " (" + column + ")"),
                    d.field() + ": " + d.base() + " -> " + d.current() + " (a change may be the environment's)");
        }
    }

    private static void annotate(StringBuilder sb, String level, String title, String message) {
        if (level != null) {
            sb.append("::")
                    .append(level)
                    .append(" title=")
                    .append(property(title))
                    .append("::")
                    .append(data(message == null ? "" : message))
                    .append('\n');
        }
    }

    /** A workflow-command value: %, CR and LF escaped as GitHub specifies, other control characters (ESC) as ?. */
    private static String data(String s) {
        return Cells.printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
