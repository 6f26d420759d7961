package dev.perf.report;

import java.util.List;

/** The shell every HTML report shares: the inline style sheet, the page frame, summary cards and cells. */
final class HtmlPage {
    private HtmlPage() {}

    static final String STYLE =
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

    // ---- page ----

    static String page(String title, StringBuilder body, String version, String source) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"generator\" content=\"perf " + Html.escape(version) + "\">"
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>\n<body><main>\n"
                + body + "<footer>perf " + Html.escape(version) + " · " + Html.escape(source)
                + "</footer>\n</main></body></html>\n";
    }

    static void card(StringBuilder body, String label, String value, String cssClass) {
        body.append("<div class=\"card ")
                .append(cssClass)
                .append("\"><b>")
                .append(Html.escape(value))
                .append("</b>")
                .append(Html.escape(label))
                .append("</div>");
    }

    static String cell(String text) {
        return "<td class=\"n\">" + Html.escape(text) + "</td>";
    }

    static double megabytesOrNaN(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1e6;
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
