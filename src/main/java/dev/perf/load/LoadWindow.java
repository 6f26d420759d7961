package dev.perf.load;

import dev.perf.host.HostWindow;
import dev.perf.load.record.Exemplars;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.RateProfile;
import dev.perf.load.template.TraceContext;
import dev.perf.result.LoadDetails;
import dev.perf.result.MonitoredProcess;
import java.util.List;
import java.util.Map;

/**
 * One closed second of a load loop as live metrics see it: the counters so far (the result file's at the
 * end), the second's histograms, rates, in-flight operations and the machine's latest sample. Built on the
 * ticker thread, never on an event loop. Immutable apart from the histograms, which are copies nobody else
 * holds.
 *
 * @param loop the load benchmark's name
 * @param operation the operation of a mix this window is about; null for the whole loop
 * @param second 1-based index of the window
 * @param targetRatePerSec the rate asked for (NaN for the closed model)
 * @param totals the counters so far
 * @param interval the second's histograms
 * @param generatorBound whether the loop fell behind its schedule (dropped operations so far)
 * @param host the machine's latest sample, null before the first
 * @param monitors the watched processes' latest samples, in the suite's order
 * @param exemplars the slowest traced operation of each latency bucket of the second (none unless traced)
 * @param observed the service's scraped series ({@code observe:}) over the latest second read, by name; empty
 *     for an operation's window and without {@code observe:}
 */
public record LoadWindow(
        String loop,
        String operation,
        long second,
        double targetRatePerSec,
        Totals totals,
        LoadRecorder.Interval interval,
        boolean generatorBound,
        LoadDetails.HostSample host,
        List<MonitoredProcess.Reading> monitors,
        List<Exemplar> exemplars,
        Map<String, Double> observed) {

    /** A window without watched processes or exemplars. */
    public LoadWindow(
            String loop,
            String operation,
            long second,
            double targetRatePerSec,
            Totals totals,
            LoadRecorder.Interval interval,
            boolean generatorBound,
            LoadDetails.HostSample host) {
        this(
                loop,
                operation,
                second,
                targetRatePerSec,
                totals,
                interval,
                generatorBound,
                host,
                List.of(),
                List.of(),
                Map.of());
    }

    /**
     * A traced operation a latency bucket points to.
     *
     * @param bucket the bucket of {@link Exemplars#bound} it falls in ({@link Exemplars#bounds()}: above all)
     * @param nanos its response time from the intended start, ns
     * @param traceId its W3C trace id
     */
    public record Exemplar(int bucket, long nanos, String traceId) {}

    /**
     * The counters so far, by outcome.
     *
     * @param sent operations started
     * @param ok succeeded
     * @param httpErrors unexpected HTTP statuses (a failed check included)
     * @param ioErrors connection and I/O failures
     * @param timeouts operations past their timeout
     * @param errors other failures of a workload
     * @param dropped operations the schedule could not start in time
     * @param checksFailed failed checks, all names together (each also counted under its outcome)
     */
    public record Totals(
            long sent,
            long ok,
            long httpErrors,
            long ioErrors,
            long timeouts,
            long errors,
            long dropped,
            long checksFailed) {

        /** Operations started and not yet completed. */
        public long inFlight() {
            return Math.max(0, sent - ok - httpErrors - ioErrors - timeouts - errors);
        }
    }

    /**
     * Hands the windows just closed to {@code listener}, when it wants them: the loop's ({@code rec}), then one
     * per operation of a mix and per step of a scenario ({@code parts}, by the label of its {@code operation}:
     * {@code search}, {@code login}, {@code buy/login}); the loop's target is what {@code profile} (null: the
     * closed model) scheduled in the second; the loop's window carries the trace ids of its exemplars when
     * {@code trace} (or null) put trace context on its operations, and the service's {@code observed} series.
     */
    static void publish(
            LoadListener listener,
            String loop,
            long second,
            RateProfile profile,
            LoadRecorder rec,
            Map<String, LoadRecorder> parts,
            HostWindow sampler,
            TraceContext trace,
            Map<String, Double> observed) {
        if (!listener.wantsWindows()) {
            return;
        }
        LoadDetails.HostSample host = sampler.latest();
        List<MonitoredProcess.Reading> watched = sampler.latestWatched();
        listener.loadWindow(of(loop, null, second, profile, rec, host, watched, trace, observed));
        parts.forEach(
                (label, r) -> listener.loadWindow(of(loop, label, second, null, r, host, watched, null, Map.of())));
    }

    private static LoadWindow of(
            String loop,
            String operation,
            long second,
            RateProfile profile,
            LoadRecorder rec,
            LoadDetails.HostSample host,
            List<MonitoredProcess.Reading> watched,
            TraceContext trace,
            Map<String, Double> observed) {
        double targetRate = profile == null
                ? Double.NaN
                : profile.countBefore(second * 1_000_000_000L) - profile.countBefore((second - 1) * 1_000_000_000L);
        long checks = 0;
        for (Map.Entry<String, LoadDetails.CheckCount> e : rec.checks().entrySet()) {
            checks += e.getValue().failed();
        }
        Totals totals = new Totals(
                rec.sent(),
                rec.ok(),
                rec.httpErrors(),
                rec.ioErrors(),
                rec.timeouts(),
                rec.errors(),
                rec.dropped(),
                checks);
        LoadRecorder.Interval interval = rec.lastInterval();
        List<Exemplar> exemplars = trace == null
                ? List.of()
                : interval.exemplars().stream()
                        .map(e -> new Exemplar(e.bucket(), e.nanos(), trace.traceId(e.seq())))
                        .toList();
        return new LoadWindow(
                loop,
                operation,
                second,
                targetRate,
                totals,
                interval,
                rec.dropped() > 0,
                host,
                watched,
                exemplars,
                observed);
    }
}
