package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.result.Numbers;
import dev.perf.result.PerfException;

/**
 * JUnit XML, which every CI server shows: one test case per comparison row (per row and column of an N-way view; a {@code fail} fails, and a
 * {@code warn} with {@code warnFails}), or per SLO and failed benchmark of a run.
 */
final class JUnitWriter implements ReportWriter {
    @Override
    public String write(Subject subject, ReportOptions options) {
        StringBuilder cases = new StringBuilder();
        int[] counts = new int[2]; // tests, failures
        if (subject instanceof Subject.Compared c) {
            cases(cases, counts, c.comparison(), null, options);
            return suite("perf compare", counts, cases);
        }
        if (subject instanceof Subject.Table t) {
            for (int k = 0; k < t.table().comparisons().size(); k++) {
                cases(
                        cases,
                        counts,
                        t.table().comparisons().get(k),
                        t.table().columns().get(k + 1),
                        options);
            }
            return suite("perf compare", counts, cases);
        }
        if (subject instanceof Subject.Runs runs) {
            for (RunReport view : runs.views()) {
                for (RunReport.SloRow s : view.slos()) {
                    boolean failed = s.status().equals("fail")
                            || (options.warnFails() && s.status().equals("warn"));
                    String text = s.status() + ": " + s.metric() + " " + Numbers.fixed(s.current(), 3) + " " + s.unit()
                            + (s.target() == null ? "" : ", target " + s.target())
                            + (s.acceptable() == null ? "" : ", acceptable " + s.acceptable())
                            + (s.reason() == null ? "" : " (" + s.reason() + ")");
                    testCase(cases, counts, s.benchmark(), "slo " + s.metric(), failed ? s.status() : null, text);
                }
                for (RunReport.Failure f : view.failed()) {
                    testCase(cases, counts, f.benchmark(), "run", "failed", f.error());
                }
            }
            return suite("perf run", counts, cases);
        }
        throw PerfException.usage("a history is written as md, json or html, not junit");
    }

    /** A test case per row of {@code c}; {@code column} names its column of an N-way view, else null. */
    private static void cases(StringBuilder sb, int[] counts, Comparison c, String column, ReportOptions options) {
        for (Comparison.Row r : c.rows()) {
            boolean failed = options.fails(r.verdict());
            testCase(
                    sb,
                    counts,
                    r.displayName(),
                    r.metric() + (column == null ? "" : " [" + column + "]"),
                    failed ? r.verdict().json() : null,
                    (failed ? Numbers.change(r.change()) : r.verdict().json()) + ": " + r.reason());
        }
    }

    private static void testCase(
            StringBuilder sb, int[] counts, String className, String name, String failure, String text) {
        counts[0]++;
        sb.append("  <testcase classname=\"")
                .append(xml(className))
                .append("\" name=\"")
                .append(xml(name))
                .append("\">");
        if (failure != null) {
            counts[1]++;
            sb.append("\n    <failure type=\"")
                    .append(xml(failure))
                    .append("\" message=\"")
                    .append(xml(text))
                    .append("\"/>\n  ");
        } else {
            sb.append("\n    <system-out>").append(xml(text)).append("</system-out>\n  ");
        }
        sb.append("</testcase>\n");
    }

    private static String suite(String name, int[] counts, StringBuilder cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + name + "\" tests=\"" + counts[0]
                + "\" failures=\"" + counts[1] + "\" errors=\"0\" skipped=\"0\">\n" + cases + "</testsuite>\n";
    }

    /**
     * XML text and attribute values: markup and line breaks escaped; characters XML 1.0 forbids, DEL and C1
     * controls (which a CI log would show raw) replaced by {@code ?}.
     */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append("&#10;"); // no line of the file starts with a value's text
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (Character.isISOControl(cp) && cp != '\t') {
                        sb.append('?');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }
}
