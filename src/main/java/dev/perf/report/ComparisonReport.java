package dev.perf.report;

import dev.perf.compare.Comparison;
import dev.perf.compare.Comparison.Row;
import dev.perf.compare.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writers of a {@link Comparison}: a terminal table, GitHub-flavoured Markdown, JSON, JUnit XML and GitHub
 * Actions annotations. All number formatting uses {@link Locale#ROOT}; the same comparison always gives
 * the same bytes. Pure and thread-safe.
 */
public final class ComparisonReport {
    private ComparisonReport() {}

    private static final String RESET = "\u001b[0m";

    // ---- shared cell formatting ----

    /** A relative change as a signed percentage: {@code +12.34%}; {@code ?} when undefined. */
    public static String change(double fraction) {
        if (Double.isNaN(fraction)) {
            return "?";
        }
        if (fraction == 0) {
            return "0.00%";
        }
        return String.format(Locale.ROOT, "%+.2f%%", fraction * 100);
    }

    static String interval(double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return "";
        }
        return "[" + bound(lower) + ", " + bound(upper) + "]";
    }

    private static String bound(double fraction) {
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "+∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    static String value(Comparison.Side side) {
        if (side == null || side.n() == 0) {
            return "";
        }
        return significant(side.median());
    }

    /** Four significant digits, as a reader compares them. */
    static String significant(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e6 || abs < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(abs)));
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String p(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String n(Row r) {
        int a = r.base() == null ? 0 : r.base().n();
        int b = r.current() == null ? 0 : r.current().n();
        return a == b ? Integer.toString(a) : a + "+" + b;
    }

    private static String metric(Row r) {
        return r.unit().isEmpty() || r.metric().equals(r.unit()) ? r.metric() : r.metric() + " (" + r.unit() + ")";
    }

    // ---- text ----

    /** A table for the terminal; {@code colour} adds ANSI colours to the verdicts. */
    public static String text(Comparison c, boolean colour) {
        String[] header = {"Benchmark", "Metric", "Base", "Current", "Change", "CI", "p", "p(verdict)", "n", "Verdict"};
        List<String[]> table = new ArrayList<>();
        table.add(header);
        for (Row r : c.rows()) {
            table.add(new String[] {
                Cells.printable(r.displayName()), Cells.printable(metric(r)), value(r.base()), value(r.current()),
                        change(r.change()),
                interval(r.changeLower(), r.changeUpper()), p(r.p()), p(r.q()), n(r),
                        r.verdict().json()
            });
        }
        int[] widths = new int[header.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("perf compare: ")
                .append(Cells.printable(c.base()))
                .append(" -> ")
                .append(Cells.printable(c.current()))
                .append('\n');
        for (int k = 0; k < table.size(); k++) {
            String[] row = table.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i >= 2 && i <= 8;
                String cell = Cells.pad(row[i], widths[i], right);
                if (i == row.length - 1 && k > 0 && colour) {
                    cell = colourOf(c.rows().get(k - 1).verdict()) + cell + RESET;
                }
                line.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
        for (Row r : c.rows()) {
            if (r.verdict() != Verdict.UNCHANGED) {
                sb.append(r.verdict().json())
                        .append(": ")
                        .append(Cells.printable(r.displayName()))
                        .append(' ')
                        .append(Cells.printable(r.metric()))
                        .append(": ")
                        .append(Cells.printable(r.reason()))
                        .append('\n');
            }
        }
        sb.append(summaryLine(c)).append('\n');
        for (Comparison.EnvironmentDifference d : c.environment()) {
            sb.append("environment differs: ")
                    .append(d.field())
                    .append(": ")
                    .append(Cells.printable(d.base()))
                    .append(" -> ")
                    .append(Cells.printable(d.current()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String colourOf(Verdict v) {
        return switch (v) {
            case FAIL -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case IMPROVED -> "\u001b[32m";
            case INCONCLUSIVE -> "\u001b[35m";
            default -> "";
        };
    }

    /** One line: counts per verdict and the geomean. */
    public static String summaryLine(Comparison c) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = c.count(v);
            if (n > 0) {
                parts.add(n + " " + v.json());
            }
        }
        Comparison.Geomean g = c.geomean();
        String geo = g.count() == 0
                ? ""
                : "; geomean of time ratios " + change(g.change())
                        + (Double.isNaN(g.lower()) ? "" : " " + interval(g.lower(), g.upper())) + " over " + g.count();
        return String.join(", ", parts) + inconclusiveWhy(c) + geo;
    }

    /** Why rows are inconclusive, by the head of their reasons (up to three kinds), e.g. " (1 fork: 3)". */
    private static String inconclusiveWhy(Comparison c) {
        Map<String, Integer> heads = new java.util.LinkedHashMap<>();
        for (Row r : c.rows()) {
            if (r.verdict() == Verdict.INCONCLUSIVE) {
                String reason = r.reason() == null ? "" : r.reason();
                int cut = reason.length();
                for (char stop : new char[] {'(', ':', ';'}) {
                    int at = reason.indexOf(stop);
                    if (at > 0 && at < cut) {
                        cut = at;
                    }
                }
                heads.merge(Cells.printable(reason.substring(0, cut).trim()), 1, Integer::sum);
            }
        }
        if (heads.isEmpty()) {
            return "";
        }
        List<String> kinds = new ArrayList<>();
        heads.entrySet().stream().limit(3).forEach(e -> kinds.add(e.getKey() + ": " + e.getValue()));
        return " (inconclusive: " + String.join("; ", kinds) + (heads.size() > 3 ? "; ..." : "") + ")";
    }

    // ---- Markdown ----

    private static String emoji(Verdict v) {
        return switch (v) {
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case IMPROVED -> "✅";
            case UNCHANGED -> "➖";
            case INCONCLUSIVE -> "❔";
            case MISSING -> "🚫";
            case NEW -> "🆕";
        };
    }

    /** GitHub-flavoured Markdown for a PR comment or step summary, statistics in a collapsible block. */
    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## perf compare\n\n");
        sb.append("`")
                .append(Markdown.code(c.base()))
                .append("` → `")
                .append(Markdown.code(c.current()))
                .append("`: ")
                .append(Markdown.escape(summaryLine(c)))
                .append("\n\n");
        sb.append("| | Benchmark | Metric | Base | Current | Change | Verdict |\n");
        sb.append("|---|---|---|---:|---:|---:|---|\n");
        for (Row r : c.rows()) {
            sb.append("| ")
                    .append(emoji(r.verdict()))
                    .append(" | ")
                    .append(Markdown.escape(r.displayName()))
                    .append(" | ")
                    .append(Markdown.escape(metric(r)))
                    .append(" | ")
                    .append(value(r.base()))
                    .append(" | ")
                    .append(value(r.current()))
                    .append(" | ")
                    .append(change(r.change()))
                    .append(" | ")
                    .append(r.verdict().json())
                    .append(" |\n");
        }
        sb.append("\n<details><summary>Statistics: n, p, p(verdict), ")
                .append(pctLevel(c.confidence()))
                .append(" CI of the change, test, reason</summary>\n\n");
        sb.append("| Benchmark | Metric | n | p | p(verdict) | CI | Test | Reason |\n");
        sb.append("|---|---|---:|---:|---:|---|---|---|\n");
        for (Row r : c.rows()) {
            sb.append("| ")
                    .append(Markdown.escape(r.displayName()))
                    .append(" | ")
                    .append(Markdown.escape(metric(r)))
                    .append(" | ")
                    .append(n(r))
                    .append(" | ")
                    .append(p(r.p()))
                    .append(" | ")
                    .append(p(r.q()))
                    .append(" | ")
                    .append(interval(r.changeLower(), r.changeUpper()))
                    .append(" | ")
                    .append(Markdown.escape(r.test()))
                    .append(" | ")
                    .append(Markdown.escape(r.reason()))
                    .append(" |\n");
        }
        sb.append("\nα = ")
                .append(c.alpha())
                .append(", adjustment ")
                .append(c.adjustment())
                .append(
                        "; p is the two-sided exact U test; p(verdict) the one-sided test against the threshold-shifted "
                                + "base behind a fail (base × (1 + warn)), warn or improvement (warn / 2). A fail needs the "
                                + "change beyond the fail threshold and p(verdict) ≤ α; a warn likewise at the warn threshold.\n");
        sb.append("\n</details>\n");
        if (!c.environment().isEmpty()) {
            sb.append("\n**Environments differ**: ");
            List<String> diffs = new ArrayList<>();
            for (Comparison.EnvironmentDifference d : c.environment()) {
                diffs.add(Markdown.escape(d.field()) + " " + Markdown.escape(d.base()) + " → "
                        + Markdown.escape(d.current()));
            }
            sb.append(String.join("; ", diffs)).append("\n");
        }
        return sb.toString();
    }

    private static String pctLevel(double level) {
        return String.format(Locale.ROOT, "%.0f%%", level * 100);
    }

    // ---- JSON ----

    /** Every number of the comparison as JSON (non-finite values as strings). */
    public static String json(Comparison c) {
        return Reports.json(c);
    }

    // ---- JUnit XML ----

    /** One testcase per row; a {@code fail} (and {@code warn} when {@code warnFails}) is a failure. */
    public static String junit(Comparison c, boolean warnFails) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        for (Row r : c.rows()) {
            cases.append("  <testcase classname=\"")
                    .append(xml(r.displayName()))
                    .append("\" name=\"")
                    .append(xml(r.metric()))
                    .append("\">");
            boolean failed = r.verdict() == Verdict.FAIL || (warnFails && r.verdict() == Verdict.WARN);
            if (failed) {
                failures++;
                cases.append("\n    <failure type=\"")
                        .append(r.verdict().json())
                        .append("\" message=\"")
                        .append(xml(change(r.change()) + ": " + r.reason()))
                        .append("\"/>\n  ");
            } else {
                cases.append("\n    <system-out>")
                        .append(xml(r.verdict().json() + ": " + r.reason()))
                        .append("</system-out>\n  ");
            }
            cases.append("</testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"perf compare\" tests=\""
                + c.rows().size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\">\n" + cases
                + "</testsuite>\n";
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
                        sb.append('?');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }

    // ---- GitHub Actions annotations ----

    /** {@code ::error} for each fail and {@code ::warning} for each warn, one line each. */
    public static String githubAnnotations(Comparison c) {
        StringBuilder sb = new StringBuilder();
        for (Row r : c.rows()) {
            String level = r.verdict() == Verdict.FAIL ? "error" : r.verdict() == Verdict.WARN ? "warning" : null;
            if (level != null) {
                sb.append("::")
                        .append(level)
                        .append(" title=")
                        .append(property("perf: " + r.displayName() + " " + r.metric()))
                        .append("::")
                        .append(data(change(r.change()) + " " + r.reason()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** A workflow-command value: %, CR and LF escaped as GitHub specifies, other control characters (ESC) as ?. */
    private static String data(String s) {
        return Cells.printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
