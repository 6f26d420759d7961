package dev.perf.suite;

import dev.perf.result.PerfException;
import dev.perf.result.Printable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code observe:} block of a loop or of the suite (which every loop's extends): the service's own figures, read while the loop is measured and stored per
 * second beside perf's — from the service's Prometheus/OpenMetrics endpoint ({@code scrape}, every second) or
 * from a Prometheus ({@code prometheus}, a PromQL query evaluated at every second of the loop's window).
 * Immutable.
 *
 * @param scrape the service's metrics endpoint, e.g. {@code http://127.0.0.1:8080/metrics}; for series given
 *     by {@code metric}
 * @param prometheus a Prometheus server, e.g. {@code http://127.0.0.1:9090}; for series given by {@code query}
 * @param series the figures by name (a name targets may judge and compare pairs); a loop's has at least one
 */
public record ObserveSpec(String scrape, String prometheus, Map<String, Series> series) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public ObserveSpec {
        checkUrl("observe.scrape", scrape);
        checkUrl("observe.prometheus", prometheus);
        series = series == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(series));
        for (Map.Entry<String, Series> e : series.entrySet()) {
            String name = e.getKey();
            String where = "observe.series." + Printable.of(name);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": a series name is a letter then letters, digits or _"
                        + " (it is used as targets." + "NAME and observed.NAME)");
            }
            if (SloKind.known(name)) {
                throw new IllegalArgumentException(where + ": " + name + " is one of perf's own figures; give the"
                        + " service's series another name, e.g. service_" + name);
            }
            Series s = e.getValue();
            if (s == null) {
                throw new IllegalArgumentException(where + " is empty: give metric: (with scrape:) or query: (with"
                        + " prometheus:), and better:");
            }
            if (s.metric() != null && scrape == null) {
                throw new IllegalArgumentException(where + ".metric reads the service's endpoint: give observe.scrape:"
                        + " URL, or a query: with observe.prometheus:");
            }
            if (s.query() != null && prometheus == null) {
                throw new IllegalArgumentException(
                        where + ".query is PromQL: give observe.prometheus: URL of the" + " Prometheus to ask");
            }
        }
    }

    /** Fails unless a loop's block names at least one series. */
    void checkNotEmpty() {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("observe.series is empty: name at least one figure, e.g. series: {"
                    + " cacheHits: { metric: cache_hits_total, better: higher } }");
        }
    }

    private static void checkUrl(String key, String url) {
        if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(
                    key + " '" + Printable.of(url) + "' is not an http:// or https:// address");
        }
    }

    /**
     * One named figure of the service.
     *
     * @param metric a series of the scraped endpoint: {@code name} or {@code name{label="value",...}} (the
     *     matching series summed); a counter becomes a rate per second, a gauge is read as it is, a histogram
     *     gives {@code quantile}
     * @param quantile with a histogram {@code metric}: the quantile (0 to 1) of each second's observations, from
     *     its buckets as Prometheus's {@code histogram_quantile} computes it
     * @param query a PromQL expression returning one series, evaluated at every second of the loop's window
     * @param unit the figure's unit as shown (e.g. {@code s}, {@code ms}, {@code /s}, {@code ratio}); targets on a
     *     time unit may be durations ({@code 50ms})
     * @param better {@code higher} or {@code lower}: how compare and targets read a change
     */
    public record Series(String metric, Double quantile, String query, String unit, String better) {
        public Series {
            if ((metric == null) == (query == null)) {
                throw new IllegalArgumentException("an observe series needs metric: (a series of the scraped"
                        + " endpoint) or query: (PromQL), one of them");
            }
            if (metric != null) {
                Selector.parse(metric);
            }
            if (quantile != null && (metric == null || !(quantile >= 0 && quantile <= 1))) {
                throw new IllegalArgumentException(
                        "observe quantile: " + quantile + " must be 0 to 1, with the metric: of a histogram");
            }
            if (query != null && query.isBlank()) {
                throw new IllegalArgumentException("observe query is empty: give a PromQL expression");
            }
            if (better == null) {
                throw new IllegalArgumentException("an observe series needs better: higher or lower (how compare"
                        + " and targets read a change of " + (metric != null ? metric : query) + ")");
            }
            better = better.toLowerCase(Locale.ROOT);
            if (!better.equals("higher") && !better.equals("lower")) {
                throw new IllegalArgumentException("better: '" + Printable.of(better) + "' is not higher or lower");
            }
            unit = unit == null ? "" : unit;
        }

        public boolean higherIsBetter() {
            return better.equals("higher");
        }

        /**
         * A limit as written, in the series' unit: a number, or a duration when the unit is a time ({@code s},
         * {@code ms}, {@code us}, {@code ns}); bad input naming {@code key} otherwise.
         */
        public double value(String key, String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                double perNano = perNano(unit);
                if (Double.isNaN(perNano)) {
                    throw new IllegalArgumentException(key + ": '" + Printable.of(text) + "' is not a number (the"
                            + " series' unit is '" + unit + "'; a duration needs unit: s or ms)");
                }
                try {
                    return Quantity.duration(text).toNanos() * perNano;
                } catch (PerfException ex) {
                    throw new IllegalArgumentException(key + ": " + ex.getMessage());
                }
            }
        }
    }

    /** How many of {@code unit} one nanosecond is when it is a time ({@code s ms us ns}); NaN otherwise. */
    public static double perNano(String unit) {
        return switch (unit == null ? "" : unit) {
            case "s" -> 1e-9;
            case "ms" -> 1e-6;
            case "us", "µs" -> 1e-3;
            case "ns" -> 1;
            default -> Double.NaN;
        };
    }

    /**
     * A scraped series as written: its name and the labels it must carry (equality only), e.g. {@code
     * cache_requests_total{result="hit"}}.
     *
     * @param name the metric's name
     * @param labels label values a sample must have
     */
    public record Selector(String name, Map<String, String> labels) {
        private static final Pattern WHOLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{(.*)})?\\s*");
        private static final Pattern LABEL =
                Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

        /** {@code text} parsed; bad input saying what a selector looks like otherwise. */
        public static Selector parse(String text) {
            Matcher m = WHOLE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("observe metric '" + Printable.of(text) + "' is not a series:"
                        + " write name or name{label=\"value\",...}, e.g. cache_requests_total{result=\"hit\"}");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            String body = m.group(3) == null ? "" : m.group(3).strip();
            Matcher l = LABEL.matcher(body);
            int at = 0;
            while (at < body.length()) {
                if (!l.find(at) || l.start() != at) {
                    throw new IllegalArgumentException("observe metric '" + Printable.of(text) + "': the labels are"
                            + " not label=\"value\" pairs separated by commas (only = is supported)");
                }
                labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                at = l.end();
            }
            return new Selector(m.group(1), Collections.unmodifiableMap(labels));
        }
    }
}
