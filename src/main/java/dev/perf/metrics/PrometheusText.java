package dev.perf.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4, which every scraper reads): {@code # HELP} and
 * {@code # TYPE} per family, then one line per series, label values escaped as the format says. Pure.
 */
final class PrometheusText {
    private PrometheusText() {}

    /** The media type a scrape gets. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static String write(List<Family> families) {
        StringBuilder sb = new StringBuilder();
        for (Family f : families) {
            sb.append("# HELP ")
                    .append(f.name())
                    .append(' ')
                    .append(escapeHelp(f.help()))
                    .append('\n');
            sb.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Family.Sample s : f.samples()) {
                sb.append(s.name());
                if (!s.labels().isEmpty()) {
                    sb.append('{');
                    String sep = "";
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        sb.append(sep)
                                .append(l.getKey())
                                .append("=\"")
                                .append(escapeValue(l.getValue()))
                                .append('"');
                        sep = ",";
                    }
                    sb.append('}');
                }
                sb.append(' ').append(number(s.value())).append('\n');
            }
        }
        return sb.toString();
    }

    /** A value as the format writes it: {@code +Inf}, {@code -Inf}, {@code NaN}, or the shortest decimal. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String escapeValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
