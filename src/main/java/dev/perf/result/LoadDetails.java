package dev.perf.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a load loop measured beyond its metrics: the model, every counter, the per-second time series, the
 * three latency histograms (for exact re-computation and merging) and the SLO verdicts. Immutable.
 *
 * <p>Counters always satisfy {@code scheduled = sent + dropped} and {@code sent = ok + errors + httpErrors +
 * ioErrors + timeouts + inFlightAtEnd}.
 *
 * @param model {@code open} (arrivals at a rate) or {@code closed} (users calling back to back)
 * @param target what an operation does, e.g. {@code java:dev.perf.demo.EventBusWorkload}
 * @param targetRatePerSec mean scheduled rate over the measured duration; NaN for the closed model
 * @param durationNanos measured duration
 * @param warmupNanos warm-up before it, not recorded
 * @param counters operation counts
 * @param overall exact values over the whole measured run (from the merged histograms): {@code throughput}
 *     (ops/s), {@code mean p50 p90 p95 p99 p99.9 max} (ms, response time), {@code errorRate} (%)
 * @param samplesAre what the metric samples are: {@code per-second windows}
 * @param timeSeries one entry per measured second
 * @param histograms HdrHistograms of the measured operations, compressed and base64-encoded, in ns
 * @param host samples of the machine, one per second (CPU, memory, perf's own and the first monitored
 *     process's)
 * @param targets SLO verdicts
 * @param generatorBound whether the load generator could not keep up (its verdicts are then inconclusive)
 * @param generatorBoundReason why, null when not bound
 * @param startedAt wall-clock time the measurement started (after warm-up): aligns shards and time series
 * @param curve the steps of a {@code findMaxRate} search, in the order run; empty otherwise
 * @param aborted why the loop stopped before its end (an SLO target with {@code abortOnFail} proved failed),
 *     null when it ran its course
 * @param monitors the processes the loop watched besides perf ({@code monitor:}), in the suite's order; the
 *     first one's CPU and RSS are also in {@code host}
 * @param traces the trace context sent and the slowest sampled requests' trace ids ({@code trace:}); null
 *     without one
 * @param observed the service's own figures ({@code observe:}), in the suite's order; empty without
 */
public record LoadDetails(
        String model,
        String target,
        double targetRatePerSec,
        long durationNanos,
        long warmupNanos,
        Counters counters,
        Map<String, Double> overall,
        String samplesAre,
        List<Second> timeSeries,
        Histograms histograms,
        List<HostSample> host,
        List<TargetVerdict> targets,
        boolean generatorBound,
        String generatorBoundReason,
        Instant startedAt,
        List<RateStep> curve,
        String aborted,
        List<MonitoredProcess> monitors,
        Traces traces,
        List<Observed> observed) {

    /** These details, marked aborted early by an SLO with {@code abortOnFail} for {@code reason}. */
    public LoadDetails abortedFor(String reason) {
        return toBuilder().aborted(reason).build();
    }

    /** Response-time percentiles kept in {@link #overall}, with the percentile each stands for. */
    public static final Map<String, Double> PERCENTILES =
            Map.of("p50", 50.0, "p90", 90.0, "p95", 95.0, "p99", 99.0, "p99.9", 99.9);

    public LoadDetails {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(counters, "counters");
        overall = overall == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overall));
        timeSeries = timeSeries == null ? List.of() : List.copyOf(timeSeries);
        targets = targets == null ? List.of() : List.copyOf(targets);
        host = host == null ? List.of() : List.copyOf(host);
        curve = curve == null ? List.of() : List.copyOf(curve);
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        observed = observed == null ? List.of() : List.copyOf(observed);
    }

    /**
     * This loop with the steps of a {@code findMaxRate} search and, when the search stopped because the
     * generator (not the target) was the limit, that reason ({@code stoppedBy}; null: this loop's own).
     */
    public LoadDetails withSearch(List<RateStep> steps, String stoppedBy) {
        return toBuilder()
                .generatorBound(generatorBound || stoppedBy != null)
                .generatorBoundReason(stoppedBy != null ? stoppedBy : generatorBoundReason)
                .curve(steps)
                .build();
    }

    /** A builder of the details of a {@code model} loop with {@code counters}; every other part empty. */
    public static Builder builder(String model, Counters counters) {
        return new Builder().model(model).counters(counters);
    }

    /** A builder holding these details, to change some parts. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.target = target;
        b.targetRatePerSec = targetRatePerSec;
        b.durationNanos = durationNanos;
        b.warmupNanos = warmupNanos;
        b.counters = counters;
        b.overall = overall;
        b.samplesAre = samplesAre;
        b.timeSeries = timeSeries;
        b.histograms = histograms;
        b.host = host;
        b.targets = targets;
        b.generatorBound = generatorBound;
        b.generatorBoundReason = generatorBoundReason;
        b.startedAt = startedAt;
        b.curve = curve;
        b.aborted = aborted;
        b.monitors = monitors;
        b.traces = traces;
        b.observed = observed;
        return b;
    }

    /**
     * Builds {@link LoadDetails} part by part, so that a new part is one more field here rather than one more
     * constructor overload; unset lists and maps are empty, unset texts null.
     */
    public static final class Builder {
        private String model;
        private String target;
        private double targetRatePerSec = Double.NaN;
        private long durationNanos;
        private long warmupNanos;
        private Counters counters;
        private Map<String, Double> overall;
        private String samplesAre;
        private List<Second> timeSeries;
        private Histograms histograms;
        private List<HostSample> host;
        private List<TargetVerdict> targets;
        private boolean generatorBound;
        private String generatorBoundReason;
        private Instant startedAt;
        private List<RateStep> curve;
        private String aborted;
        private List<MonitoredProcess> monitors;
        private Traces traces;
        private List<Observed> observed;

        private Builder() {}

        public Builder traces(Traces value) {
            this.traces = value;
            return this;
        }

        public Builder observed(List<Observed> value) {
            this.observed = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        public Builder targetRatePerSec(double value) {
            this.targetRatePerSec = value;
            return this;
        }

        public Builder durationNanos(long value) {
            this.durationNanos = value;
            return this;
        }

        public Builder warmupNanos(long value) {
            this.warmupNanos = value;
            return this;
        }

        public Builder counters(Counters value) {
            this.counters = value;
            return this;
        }

        public Builder overall(Map<String, Double> value) {
            this.overall = value;
            return this;
        }

        public Builder samplesAre(String value) {
            this.samplesAre = value;
            return this;
        }

        public Builder timeSeries(List<Second> value) {
            this.timeSeries = value;
            return this;
        }

        public Builder histograms(Histograms value) {
            this.histograms = value;
            return this;
        }

        public Builder host(List<HostSample> value) {
            this.host = value;
            return this;
        }

        public Builder targets(List<TargetVerdict> value) {
            this.targets = value;
            return this;
        }

        public Builder generatorBound(boolean value) {
            this.generatorBound = value;
            return this;
        }

        public Builder generatorBoundReason(String value) {
            this.generatorBoundReason = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            this.startedAt = value;
            return this;
        }

        public Builder curve(List<RateStep> value) {
            this.curve = value;
            return this;
        }

        public Builder aborted(String value) {
            this.aborted = value;
            return this;
        }

        public Builder monitors(List<MonitoredProcess> value) {
            this.monitors = value;
            return this;
        }

        public LoadDetails build() {
            return new LoadDetails(
                    model,
                    target,
                    targetRatePerSec,
                    durationNanos,
                    warmupNanos,
                    counters,
                    overall,
                    samplesAre,
                    timeSeries,
                    histograms,
                    host,
                    targets,
                    generatorBound,
                    generatorBoundReason,
                    startedAt,
                    curve,
                    aborted,
                    monitors,
                    traces,
                    observed);
        }
    }

    /**
     * The exact whole-run values of {@link #overall} (except {@code allocBytesPerOp}) from the merged
     * histograms (ns) and the counters, over {@code measuredSeconds}.
     */
    public static Map<String, Double> overallOf(
            org.HdrHistogram.Histogram response,
            org.HdrHistogram.Histogram lag,
            Counters counters,
            double measuredSeconds) {
        Map<String, Double> overall = new LinkedHashMap<>();
        boolean none = response.getTotalCount() == 0;
        overall.put("throughput", (counters.ok() + counters.failures()) / Math.max(measuredSeconds, 1e-9));
        overall.put("mean", none ? Double.NaN : response.getMean() / 1e6);
        for (String p : List.of("p50", "p90", "p95", "p99", "p99.9")) {
            overall.put(p, none ? Double.NaN : response.getValueAtPercentile(PERCENTILES.get(p)) / 1e6);
        }
        overall.put("max", none ? Double.NaN : response.getMaxValue() / 1e6);
        overall.put("errorRate", counters.sent() == 0 ? 0 : 100.0 * counters.failures() / counters.sent());
        overall.put("lag.p99", lag.getTotalCount() == 0 ? Double.NaN : lag.getValueAtPercentile(99) / 1e6);
        return overall;
    }

    /**
     * Operation counts of the measured part of the run.
     *
     * @param scheduled operations the schedule intended (open model) or started (closed)
     * @param sent operations started
     * @param dropped operations never started: their wait for a free worker exceeded the queue bound
     * @param ok operations that succeeded
     * @param errors operations the target reported failed (a workload threw, a command exited non-zero, a
     *     response failed a check other than its status)
     * @param httpErrors HTTP responses with an unexpected status (by class in {@code httpStatusClasses})
     * @param ioErrors operations whose connection failed (refused, reset, closed before the response)
     * @param timeouts operations slower than the timeout (recorded at the timeout value)
     * @param inFlightAtEnd operations still running when the run stopped
     * @param httpStatusClasses unexpected HTTP statuses by class, e.g. {@code 5xx: 12}
     * @param firstError the first failure's message, null when none failed
     * @param checks failed response checks by name (an http target's {@code check:}); empty when none failed
     */
    public record Counters(
            long scheduled,
            long sent,
            long dropped,
            long ok,
            long errors,
            long httpErrors,
            long ioErrors,
            long timeouts,
            long inFlightAtEnd,
            Map<String, Long> httpStatusClasses,
            String firstError,
            Map<String, CheckCount> checks) {
        /** Counters of a loop without response checks beyond the status. */
        public Counters(
                long scheduled,
                long sent,
                long dropped,
                long ok,
                long errors,
                long httpErrors,
                long ioErrors,
                long timeouts,
                long inFlightAtEnd,
                Map<String, Long> httpStatusClasses,
                String firstError) {
            this(
                    scheduled,
                    sent,
                    dropped,
                    ok,
                    errors,
                    httpErrors,
                    ioErrors,
                    timeouts,
                    inFlightAtEnd,
                    httpStatusClasses,
                    firstError,
                    null);
        }

        public Counters {
            if (scheduled != sent + dropped) {
                throw new IllegalArgumentException(
                        "scheduled " + scheduled + " != sent " + sent + " + dropped " + dropped);
            }
            if (sent != ok + errors + httpErrors + ioErrors + timeouts + inFlightAtEnd) {
                throw new IllegalArgumentException(
                        "sent " + sent + " != ok + errors + httpErrors + ioErrors + timeouts + inFlightAtEnd");
            }
            httpStatusClasses = httpStatusClasses == null
                    ? Map.of()
                    : Collections.unmodifiableMap(new TreeMap<>(httpStatusClasses));
            checks = checks == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(checks));
        }

        /** Every operation that did not succeed: errors, httpErrors, ioErrors and timeouts. */
        public long failures() {
            return errors + httpErrors + ioErrors + timeouts;
        }
    }

    /**
     * Responses that failed one check of an http target ({@code status}, {@code bodyContains}, ...).
     *
     * @param failed how many
     * @param first the first failure's detail, truncated
     */
    public record CheckCount(long failed, String first) {
        /** Both tallies: the counts added, the first detail of {@code this} kept. */
        public CheckCount plus(CheckCount other) {
            return new CheckCount(failed + other.failed, first != null ? first : other.first);
        }
    }

    /**
     * One measured second.
     *
     * @param second seconds since the measurement started
     * @param ratePerSec operations completed in that second
     * @param p50Micros median response time of those operations, µs
     * @param p99Micros 99th percentile, µs
     * @param errors operations that failed in that second
     * @param histogram response times of that second (ns), compressed and base64-encoded like {@link
     *     Histograms}: lets merged shards recompute per-second percentiles exactly; null in older files
     */
    public record Second(
            long second, double ratePerSec, double p50Micros, double p99Micros, long errors, String histogram) {
        /**
         * A second read from a file: its histogram must decode. Seconds made in this process are not checked
         * (their histogram was just encoded): decoding every second's again cost the ticker an inflate and a
         * reflective construction a second, compiled by the JIT in the middle of the measurement.
         */
        @JsonCreator
        static Second read(
                @JsonProperty("second") long second,
                @JsonProperty("ratePerSec") double ratePerSec,
                @JsonProperty("p50Micros") double p50Micros,
                @JsonProperty("p99Micros") double p99Micros,
                @JsonProperty("errors") long errors,
                @JsonProperty("histogram") String histogram) {
            HistogramCodec.check("timeSeries[second " + second + "].histogram", histogram);
            return new Second(second, ratePerSec, p50Micros, p99Micros, errors, histogram);
        }
    }

    /**
     * One step of a {@code findMaxRate} search: a short run at a fixed rate.
     *
     * @param ratePerSec the rate asked for
     * @param achievedPerSec operations completed per second
     * @param p99Millis response-time p99, ms
     * @param errorRatePercent failed operations, % of those sent
     * @param meetsSlo whether the step met the search's SLO
     */
    public record RateStep(
            double ratePerSec, double achievedPerSec, double p99Millis, double errorRatePercent, boolean meetsSlo) {}

    /** The steps of a {@code findMaxRate} search in rate order (they ran in search order). */
    public List<RateStep> curveByRate() {
        return curve.stream()
                .sorted(java.util.Comparator.comparingDouble(RateStep::ratePerSec))
                .toList();
    }

    /**
     * What a {@code findMaxRate} search found, in one line, or null when there was none: the highest rate that
     * met the SLO and the lowest rate above it that did not (the knee lies between), or that every rate met it.
     */
    public String searchSummary() {
        if (curve.isEmpty()) {
            return null;
        }
        double pass = curve.stream()
                .filter(RateStep::meetsSlo)
                .mapToDouble(RateStep::ratePerSec)
                .max()
                .orElse(Double.NaN);
        double fail = curve.stream()
                .filter(s -> !s.meetsSlo() && !(s.ratePerSec() < pass))
                .mapToDouble(RateStep::ratePerSec)
                .min()
                .orElse(Double.NaN);
        String steps = curve.size() + (curve.size() == 1 ? " step" : " steps");
        if (Double.isNaN(pass)) {
            return "findMaxRate: no rate met the SLO, not even "
                    + Numbers.fixed(curveByRate().get(0).ratePerSec(), 0) + "/s (" + steps + ")";
        }
        if (Double.isNaN(fail)) {
            return "findMaxRate: every rate met the SLO, up to " + Numbers.fixed(pass, 0) + "/s (" + steps
                    + "): the knee is above";
        }
        return "findMaxRate: max rate meeting the SLO " + Numbers.fixed(pass, 0) + "/s; " + Numbers.fixed(fail, 0)
                + "/s did not: the knee lies between (" + steps + ")";
    }

    /**
     * The three histograms, each an HdrHistogram in its compressed form, base64-encoded; values in ns.
     *
     * @param response from the intended start to completion (corrects coordinated omission; SLOs judge it)
     * @param service from the actual start to completion
     * @param lag actual start minus intended start: the generator's own health
     */
    public record Histograms(String response, String service, String lag) {
        public Histograms {
            HistogramCodec.check("histograms.response", response);
            HistogramCodec.check("histograms.service", service);
            HistogramCodec.check("histograms.lag", lag);
        }
    }

    /**
     * The machine during one second of a load loop. NaN or −1 where the platform cannot tell.
     *
     * @param second seconds since the measurement started
     * @param cpuPercent system CPU use, % of all cores
     * @param busiestCorePercent use of the busiest core, %
     * @param loadAverage1m one-minute load average
     * @param memoryUsedBytes physical memory in use
     * @param perfCpuPercent perf's own CPU use, % of one core
     * @param perfRssBytes perf's resident set size
     * @param monitoredCpuPercent the monitored process's CPU use, % of one core
     * @param monitoredRssBytes the monitored process's resident set size
     */
    public record HostSample(
            long second,
            double cpuPercent,
            double busiestCorePercent,
            double loadAverage1m,
            long memoryUsedBytes,
            double perfCpuPercent,
            long perfRssBytes,
            double monitoredCpuPercent,
            long monitoredRssBytes) {

        /**
         * {@code samples} without the last, which covers the loop's final partial second: a few milliseconds
         * after the previous sample, CPU at tick granularity can read as 500 %. Peaks and saturation are judged
         * on whole seconds only.
         */
        public static List<HostSample> wholeSeconds(List<HostSample> samples) {
            return samples.isEmpty() ? samples : samples.subList(0, samples.size() - 1);
        }

        /** This sample as second {@code second} of another count. */
        public HostSample renumbered(long second) {
            return new HostSample(
                    second,
                    cpuPercent,
                    busiestCorePercent,
                    loadAverage1m,
                    memoryUsedBytes,
                    perfCpuPercent,
                    perfRssBytes,
                    monitoredCpuPercent,
                    monitoredRssBytes);
        }
    }

    /**
     * The verdict of one SLO.
     *
     * @param metric e.g. {@code p95}, {@code throughput}, {@code errorRate}
     * @param target the target as written, null if none
     * @param acceptable the acceptable limit as written, null if none
     * @param current the measured value in {@code unit}
     * @param unit {@code ms}, {@code ops/s} or {@code %}
     * @param status {@code pass}, {@code warn}, {@code fail} or {@code inconclusive}
     * @param reason why inconclusive, null otherwise
     */
    public record TargetVerdict(
            String metric,
            String target,
            String acceptable,
            double current,
            String unit,
            String status,
            String reason) {}
}
