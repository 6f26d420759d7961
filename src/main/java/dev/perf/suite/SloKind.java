package dev.perf.suite;

/**
 * What an SLO metric measures, from its name: a latency (ms), the throughput (ops/s), the error rate (%),
 * the growth of the monitored processes' memory ({@code rssGrowth}, {@code heapGrowth}: bytes per hour) or the drift of p99 over
 * the run ({@code p99Drift}, % per hour), the last two estimated by a Theil–Sen slope over the windows.
 */
public enum SloKind {
    LATENCY,
    THROUGHPUT,
    ERROR_RATE,
    GROWTH,
    DRIFT;

    /** The kind of {@code metric}; bad input listing the known metrics otherwise. */
    public static SloKind of(String metric) {
        return switch (metric) {
            case "p50", "p90", "p95", "p99", "p99.9", "max", "mean" -> LATENCY;
            case "throughput" -> THROUGHPUT;
            case "errorRate", "lossRate", "duplicateRate" -> ERROR_RATE;
            case "rssGrowth", "heapGrowth" -> GROWTH;
            case "p99Drift", "throughputDrift" -> DRIFT;
            default -> throw new IllegalArgumentException("unknown target '" + metric
                    + "': use p50, p90, p95, p99, p99.9, max, mean, throughput, errorRate, rssGrowth, heapGrowth,"
                    + " p99Drift, throughputDrift or (for kafka and rabbitmq) lossRate and duplicateRate");
        };
    }

    /** Whether {@code metric} names one of perf's own figures (a known target). */
    public static boolean known(String metric) {
        try {
            of(metric);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A limit as written (e.g. {@code 50ms}, {@code 1000/s}, {@code 1%}, {@code 50MB/h}, {@code 10%/h}) in ms,
     * ops/s, %, bytes per hour or % per hour.
     */
    public double value(String text) {
        return switch (this) {
            case LATENCY -> Quantity.duration(text).toNanos() / 1e6;
            case THROUGHPUT -> Quantity.ratePerSec(text);
            case ERROR_RATE -> Quantity.percent(text) * 100;
            case GROWTH -> Quantity.bytesPerHour(text);
            case DRIFT -> Quantity.percentPerHour(text) * 100;
        };
    }

    /** The unit {@link #value} gives. */
    public String unit() {
        return switch (this) {
            case LATENCY -> "ms";
            case THROUGHPUT -> "ops/s";
            case ERROR_RATE -> "%";
            case GROWTH -> "B/h";
            case DRIFT -> "%/h";
        };
    }

    /** Whether higher values are better (throughput) rather than lower (latency, errors, growth, drift). */
    public boolean higherIsBetter() {
        return this == THROUGHPUT;
    }
}
