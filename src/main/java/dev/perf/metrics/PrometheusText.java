package dev.perf.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition formats: version 0.0.4, which every scraper reads, and OpenMetrics 1.0,
 * which a scraper asks for by its {@code Accept} header and which alone carries exemplars. {@code # HELP} and
 * {@code # TYPE} per family, then one line per series, label values escaped as the formats say; OpenMetrics
 * names a counter family without its {@code _total}, puts an exemplar after a sample's value and ends with
 * {@code # EOF}. Pure.
 */
final class PrometheusText {
    private PrometheusText() {}

    /** The media type of the 0.0.4 format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The media type of OpenMetrics 1.0. */
    static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** Whether a scraper sending {@code accept} reads OpenMetrics (Prometheus asks for it first). */
    static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    /** The 0.0.4 text of {@code families}, without exemplars. */
    static String write(List<Family> families) {
        return write(families, false);
    }

    /** The OpenMetrics 1.0 text of {@code families}, exemplars included. */
    static String openMetrics(List<Family> families) {
        return write(families, true);
    }

    private static String write(List<Family> families, boolean openMetrics) {
        StringBuilder sb = new StringBuilder();
        for (Family f : families) {
            String name = openMetrics && f.type().equals("counter") && f.name().endsWith("_total")
                    ? f.name().substring(0, f.name().length() - "_total".length())
                    : f.name();
            sb.append("# HELP ")
                    .append(name)
                    .append(' ')
                    .append(escapeHelp(f.help()))
                    .append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(f.type()).append('\n');
            for (Family.Sample s : f.samples()) {
                sb.append(s.name());
                labels(sb, s.labels());
                sb.append(' ').append(number(s.value()));
                if (openMetrics && s.exemplar() != null) {
                    Family.Exemplar e = s.exemplar();
                    sb.append(" # {trace_id=\"")
                            .append(escapeValue(e.traceId()))
                            .append("\"} ");
                    sb.append(number(e.value())).append(' ').append(number(e.timestampMillis() / 1000.0));
                }
                sb.append('\n');
            }
        }
        if (openMetrics) {
            sb.append("# EOF\n");
        }
        return sb.toString();
    }

    private static void labels(StringBuilder sb, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        sb.append('{');
        String sep = "";
        for (Map.Entry<String, String> l : labels.entrySet()) {
            sb.append(sep)
                    .append(l.getKey())
                    .append("=\"")
                    .append(escapeValue(l.getValue()))
                    .append('"');
            sep = ",";
        }
        sb.append('}');
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
