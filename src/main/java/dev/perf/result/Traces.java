package dev.perf.result;

import java.util.List;

/**
 * The trace context a load loop sent and the trace ids of its slowest sampled requests: the request a slow
 * percentile is made of, one click from its trace. Immutable.
 *
 * @param propagate how the context travelled: {@code w3c}
 * @param sampleRate share of operations marked sampled
 * @param url the tracing UI's page of one trace, {@code {traceId}} where the id goes; null without one
 * @param slowest the slowest sampled requests of the whole run, slowest first
 * @param buckets the slowest sampled request of each latency bucket above the run's p90, fastest bucket first
 * @param windows the slowest sampled request of each one-second window, in order
 */
public record Traces(
        String propagate,
        double sampleRate,
        String url,
        List<Exemplar> slowest,
        List<Exemplar> buckets,
        List<Exemplar> windows) {
    public Traces {
        slowest = slowest == null ? List.of() : List.copyOf(slowest);
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** The UI link of {@code e}'s trace, or null without a {@link #url}. */
    public String link(Exemplar e) {
        return url == null ? null : url.replace("{traceId}", e.traceId());
    }

    /**
     * One request kept.
     *
     * @param traceId its W3C trace id (32 hex digits)
     * @param ms its response time from the intended start, ms
     * @param second the measured window it completed in (0-based)
     * @param failed whether it failed
     * @param le the upper bound of its latency bucket, seconds ({@code +Inf} above the last); null in {@code
     *     slowest} and {@code windows}
     */
    public record Exemplar(String traceId, double ms, long second, boolean failed, String le) {}
}
