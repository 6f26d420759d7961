package dev.perf.load;

import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import dev.perf.stats.TheilSen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trends over a load loop's measured windows (the warm-up is never a window), in units per hour, with a
 * Theil–Sen slope and its 95 % interval: {@code rssGrowth} and {@code heapGrowth} (a monitored process's
 * resident memory and Java heap in use, bytes per hour), {@code p99Drift} and {@code throughputDrift} (the per-window p99 and rate, % of their median per
 * hour). Each comes with {@code .lower}, {@code .upper} and {@code .windows}; below {@link #MIN_WINDOWS}
 * windows there is no trend (NaN). At most {@link #MAX_POINTS} evenly spaced windows are used, so a day-long
 * loop costs what a 30-minute one does. Pure.
 */
public final class Trends {
    private Trends() {}

    /** Fewer windows than this give no trend: a slope of a few seconds says nothing per hour. */
    public static final int MIN_WINDOWS = 10;

    /** Windows used at most (evenly spaced): the pairwise slopes grow with the square. */
    static final int MAX_POINTS = 2_000;

    /**
     * The trend entries for a loop's {@code overall} values: the drifts of {@code series} and the growth of the
     * fastest-growing of the {@code monitors} (already {@link #of(MonitoredProcess, long) with their trends}),
     * so that an {@code rssGrowth} SLO holds every watched process to it.
     */
    static Map<String, Double> of(List<LoadDetails.Second> series, List<MonitoredProcess> monitors) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String growth : List.of("rssGrowth", "heapGrowth")) {
            Map<String, Double> fastest = null;
            for (MonitoredProcess m : monitors) {
                double slope = m.trends().getOrDefault(growth, Double.NaN);
                if (fastest == null || (!Double.isNaN(slope) && !(slope <= fastest.getOrDefault(growth, Double.NaN)))) {
                    fastest = m.trends();
                }
            }
            if (fastest == null || !fastest.containsKey(growth + ".windows")) {
                if (growth.equals("rssGrowth")) {
                    put(out, growth, List.of(), false); // always there, NaN without a process to watch
                }
            } else {
                for (String suffix : List.of("", ".lower", ".upper", ".windows")) {
                    if (fastest.containsKey(growth + suffix)) {
                        out.put(growth + suffix, fastest.get(growth + suffix));
                    }
                }
            }
        }
        List<double[]> p99 = new ArrayList<>();
        List<double[]> rate = new ArrayList<>();
        for (LoadDetails.Second s : series) {
            if (!Double.isNaN(s.p99Micros())) {
                p99.add(new double[] {s.second(), s.p99Micros()});
            }
            rate.add(new double[] {s.second(), s.ratePerSec()});
        }
        put(out, "p99Drift", p99, true);
        put(out, "throughputDrift", rate, true);
        return out;
    }

    /**
     * {@code m} with its {@code rssGrowth} and, when it has heap samples, {@code heapGrowth}, over its samples
     * before {@code partialSecond} (the final partial second of the loop, not a window).
     */
    static MonitoredProcess of(MonitoredProcess m, long partialSecond) {
        List<double[]> rss = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        for (MonitoredProcess.Sample s : m.samples()) {
            if (s.second() >= partialSecond) {
                continue;
            }
            if (s.rssBytes() >= 0) {
                rss.add(new double[] {s.second(), s.rssBytes()});
            }
            if (s.heapUsedBytes() >= 0) {
                heap.add(new double[] {s.second(), s.heapUsedBytes()});
            }
        }
        Map<String, Double> trends = new LinkedHashMap<>();
        put(trends, "rssGrowth", rss, false);
        if (!heap.isEmpty()) {
            put(trends, "heapGrowth", heap, false);
        }
        return m.withTrends(trends);
    }

    private static void put(Map<String, Double> out, String name, List<double[]> points, boolean relative) {
        out.put(name + ".windows", (double) points.size());
        if (points.size() < MIN_WINDOWS) {
            out.put(name, Double.NaN);
            return;
        }
        int step = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
        int n = (points.size() + step - 1) / step;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points.get(i * step)[0];
            y[i] = points.get(i * step)[1];
        }
        TheilSen.Fit fit = TheilSen.fit(x, y, 0.95);
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        // per second → per hour; relative ones as % of the median
        double scale = 3600 * (relative ? (median == 0 ? Double.NaN : 100 / median) : 1);
        out.put(name, fit.slope() * scale);
        out.put(name + ".lower", fit.lower() * scale);
        out.put(name + ".upper", fit.upper() * scale);
    }
}
