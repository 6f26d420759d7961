package dev.perf.load;

import dev.perf.result.LoadDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records a load loop: three HdrHistogram {@link Recorder}s (response time from the intended start, service
 * time from the actual start, schedule lag) and the counters. Recording is wait-free and allocation-free, so
 * any number of threads may record at once; {@link #tick()} (one thread, once a second) turns the interval
 * histograms into a time-series point and folds them into the totals. Memory stays constant however long the
 * run.
 */
final class LoadRecorder {
    private final Recorder response = new Recorder(3);
    private final Recorder service = new Recorder(3);
    private final Recorder lag = new Recorder(3);
    private final Histogram totalResponse = new Histogram(3);
    private final Histogram totalService = new Histogram(3);
    private final Histogram totalLag = new Histogram(3);
    private Histogram intervalResponse;
    private Histogram intervalService;
    private Histogram intervalLag;
    private final List<LoadDetails.Second> seconds = new ArrayList<>();
    private long lastErrors;

    final LongAdder scheduled = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder httpErrors = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    /** Unexpected HTTP responses by status class: index 1 = 1xx ... 5 = 5xx. */
    final java.util.concurrent.atomic.AtomicLongArray statusClasses =
            new java.util.concurrent.atomic.AtomicLongArray(6);

    /**
     * Records one completed operation; times in ns; {@code failure} is null on success. Slower than the
     * timeout is a timeout whatever happened; an unexpected HTTP status is an httpError, a failure of the
     * connection an ioError, anything else the workload reported an error. Thread-safe, wait-free.
     */
    void complete(long intendedNanos, long startNanos, long endNanos, Throwable failure, long timeoutNanos) {
        long responseNanos = endNanos - intendedNanos;
        long serviceNanos = endNanos - startNanos;
        if (serviceNanos > timeoutNanos) {
            timeouts.increment();
            responseNanos = Math.min(responseNanos, (startNanos - intendedNanos) + timeoutNanos);
            serviceNanos = timeoutNanos;
        } else if (failure == null) {
            ok.increment();
        } else if (failure instanceof HttpWorkload.HttpStatusException status) {
            httpErrors.increment();
            statusClasses.incrementAndGet(Math.max(0, Math.min(5, status.status / 100)));
        } else if (failure instanceof java.io.IOException) {
            ioErrors.increment();
        } else {
            errors.increment();
        }
        response.recordValue(Math.max(0, responseNanos));
        service.recordValue(Math.max(0, serviceNanos));
        lag.recordValue(Math.max(0, startNanos - intendedNanos));
    }

    /** Closes the current interval: one time-series point; the interval folds into the totals. One thread. */
    synchronized void tick(double intervalSeconds) {
        intervalResponse = response.getIntervalHistogram(intervalResponse);
        intervalService = service.getIntervalHistogram(intervalService);
        intervalLag = lag.getIntervalHistogram(intervalLag);
        totalResponse.add(intervalResponse);
        totalService.add(intervalService);
        totalLag.add(intervalLag);
        long errorsNow = failures();
        long count = intervalResponse.getTotalCount();
        seconds.add(new LoadDetails.Second(
                seconds.size(),
                intervalSeconds > 0 ? count / intervalSeconds : 0,
                count == 0 ? Double.NaN : intervalResponse.getValueAtPercentile(50) / 1e3,
                count == 0 ? Double.NaN : intervalResponse.getValueAtPercentile(99) / 1e3,
                errorsNow - lastErrors,
                count == 0 ? null : dev.perf.result.HistogramCodec.encode(intervalResponse)));
        lastErrors = errorsNow;
    }

    /** Every operation that did not succeed so far: errors, httpErrors, ioErrors and timeouts. */
    long failures() {
        return errors.sum() + httpErrors.sum() + ioErrors.sum() + timeouts.sum();
    }

    synchronized Histogram totalResponse() {
        return totalResponse;
    }

    synchronized Histogram totalService() {
        return totalService;
    }

    synchronized Histogram totalLag() {
        return totalLag;
    }

    synchronized List<LoadDetails.Second> seconds() {
        return List.copyOf(seconds);
    }
}
