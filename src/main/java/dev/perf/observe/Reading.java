package dev.perf.observe;

import dev.perf.suite.ObserveSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of one series: the sum of the samples its selector matches (a counter's or a gauge's value), or a
 * histogram's cumulative bucket counts by upper bound; null when nothing matched. Pure.
 *
 * @param value the summed value
 * @param buckets cumulative counts by {@code le} (a histogram with a quantile), else null
 * @param counter whether the value is a counter (read as a rate)
 */
record Reading(double value, TreeMap<Double, Double> buckets, boolean counter) {

    /** What {@code page} holds of {@code series} (given by {@code metric}), or null when nothing matches. */
    static Reading of(PromText.Page page, ObserveSpec.Series series) {
        ObserveSpec.Selector sel = ObserveSpec.Selector.parse(series.metric());
        if (series.quantile() != null) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (PromText.Sample s : page.samples()) {
                if (s.name().equals(sel.name() + "_bucket") && matches(s.labels(), sel.labels())) {
                    String le = s.labels().get("le");
                    if (le != null) {
                        buckets.merge(PromText.value(le, 0), s.value(), Double::sum);
                    }
                }
            }
            return buckets.isEmpty() ? null : new Reading(Double.NaN, buckets, true);
        }
        double sum = 0;
        boolean any = false;
        for (PromText.Sample s : page.samples()) {
            if (s.name().equals(sel.name()) && matches(s.labels(), sel.labels())) {
                sum += s.value();
                any = true;
            }
        }
        return any ? new Reading(sum, null, page.typeOf(sel.name()).equals("counter")) : null;
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (!w.getValue().equals(labels.getOrDefault(w.getKey(), ""))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The figure of the second between {@code before} and {@code after} ({@code seconds} apart): a counter's
     * increase per second (a reset reads as a restart from 0), a gauge's value at its end, a histogram's
     * {@code quantile} of the observations in between; NaN when either is missing or nothing was observed.
     */
    static double between(Reading before, Reading after, double seconds, Double quantile) {
        if (after == null) {
            return Double.NaN;
        }
        if (after.buckets() != null) {
            return before == null ? Double.NaN : quantile(before.buckets(), after.buckets(), quantile);
        }
        if (!after.counter()) {
            return after.value();
        }
        if (before == null) {
            return Double.NaN;
        }
        double delta = after.value() - before.value();
        return (delta < 0 ? after.value() : delta) / seconds;
    }

    /**
     * The {@code q} quantile of the observations between two cumulative bucket sets, interpolated linearly
     * within its bucket as Prometheus's {@code histogram_quantile} does (the lowest bucket from 0; a quantile in
     * the {@code +Inf} bucket is the highest finite bound).
     */
    static double quantile(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double q) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((le, c) -> delta.put(le, Math.max(0, c - before.getOrDefault(le, 0.0))));
        Double inf = delta.get(Double.POSITIVE_INFINITY);
        double total = inf != null ? inf : delta.lastEntry().getValue();
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : delta.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket <= 0
                        ? e.getKey()
                        : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }
}
