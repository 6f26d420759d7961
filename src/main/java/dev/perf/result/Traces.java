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
 * @param export the client spans exported ({@code export: otlp}); null when none were asked for
 */
public record Traces(
        String propagate,
        double sampleRate,
        String url,
        List<Exemplar> slowest,
        List<Exemplar> buckets,
        List<Exemplar> windows,
        Export export) {
    /** Traces without span export. */
    public Traces(
            String propagate,
            double sampleRate,
            String url,
            List<Exemplar> slowest,
            List<Exemplar> buckets,
            List<Exemplar> windows) {
        this(propagate, sampleRate, url, slowest, buckets, windows, null);
    }

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
     * What became of the client spans of the measured sampled requests.
     *
     * @param exporter {@code otlp}
     * @param endpoint where they were sent
     * @param exported spans the collector accepted
     * @param dropped spans never sent: the queue was full (the collector was slower than the load) or the export
     *     did not end in time
     * @param failed spans in batches the collector refused or that could not reach it
     * @param error the first failure, or null
     */
    public record Export(String exporter, String endpoint, long exported, long dropped, long failed, String error) {
        /** Both shards' counts; the first error. */
        public Export plus(Export other) {
            return new Export(
                    exporter,
                    endpoint,
                    exported + other.exported,
                    dropped + other.dropped,
                    failed + other.failed,
                    error != null ? error : other.error);
        }
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
