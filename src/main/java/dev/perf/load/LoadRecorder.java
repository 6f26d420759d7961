package dev.perf.load;

import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records a load loop: per recording thread, three HdrHistograms (response time from the intended start,
 * service time from the actual start, schedule lag) behind one writer-reader phaser, and the counters. Each thread
 * records into its own recorders, so recording threads share no cache line (a shared concurrent recorder
 * costs ~1 µs per value under contention); recording is wait-free and allocation-free. {@link #tick()} (one
 * thread, once a second) swaps every thread's interval histograms, merges them into one time-series point and
 * folds it into the totals. Memory stays constant however long the run.
 */
final class LoadRecorder {
    /**
     * One recording thread's three histograms, recorded together in one critical section of a {@link
     * WriterReaderPhaser} (two atomic operations per operation, not two per histogram) and swapped with a
     * spare set by the reader, as HdrHistogram's {@code SingleWriterRecorder} does for one histogram.
     */
    private static final class Writer {
        private final WriterReaderPhaser phaser = new WriterReaderPhaser();
        private volatile Histogram[] active = triple();
        private Histogram[] spare = triple();

        private static Histogram[] triple() {
            return new Histogram[] {new Histogram(3), new Histogram(3), new Histogram(3)};
        }

        /** Records one operation. The owning thread only. */
        void record(long responseNanos, long serviceNanos, long lagNanos) {
            long critical = phaser.writerCriticalSectionEnter();
            try {
                Histogram[] h = active;
                h[0].recordValue(responseNanos);
                h[1].recordValue(serviceNanos);
                h[2].recordValue(lagNanos);
            } finally {
                phaser.writerCriticalSectionExit(critical);
            }
        }

        /** Swaps in the spare set and adds what was recorded since the last swap to {@code into}. Reader only. */
        void drainInto(Histogram response, Histogram service, Histogram lag) {
            phaser.readerLock();
            try {
                for (Histogram h : spare) {
                    h.reset();
                }
                Histogram[] recorded = active;
                active = spare;
                phaser.flipPhase();
                spare = recorded;
            } finally {
                phaser.readerUnlock();
            }
            response.add(spare[0]);
            service.add(spare[1]);
            lag.add(spare[2]);
        }
    }

    private final List<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Writer> writer = ThreadLocal.withInitial(() -> {
        Writer w = new Writer();
        writers.add(w);
        return w;
    });
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
    final AtomicLongArray statusClasses = new AtomicLongArray(6);

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
        } else if (failure instanceof IOException) {
            ioErrors.increment();
        } else {
            errors.increment();
        }
        writer.get()
                .record(Math.max(0, responseNanos), Math.max(0, serviceNanos), Math.max(0, startNanos - intendedNanos));
    }

    /** Closes a full one-second interval: one time-series window; the interval folds into the totals. */
    synchronized void tick() {
        close(true);
    }

    /**
     * Closes the last, partial interval at the end of the loop: it folds into the whole-run totals but is no
     * window of the time series (a window is a full second; one response in 7 ms is no rate of 147/s).
     */
    synchronized void closeTail() {
        close(false);
    }

    private void close(boolean window) {
        if (intervalResponse == null) {
            intervalResponse = new Histogram(3);
            intervalService = new Histogram(3);
            intervalLag = new Histogram(3);
        }
        intervalResponse.reset();
        intervalService.reset();
        intervalLag.reset();
        for (Writer w : writers) {
            w.drainInto(intervalResponse, intervalService, intervalLag);
        }
        totalResponse.add(intervalResponse);
        totalService.add(intervalService);
        totalLag.add(intervalLag);
        long errorsNow = failures();
        long count = intervalResponse.getTotalCount();
        if (!window) {
            return;
        }
        seconds.add(new LoadDetails.Second(
                seconds.size(),
                count,
                count == 0 ? Double.NaN : intervalResponse.getValueAtPercentile(50) / 1e3,
                count == 0 ? Double.NaN : intervalResponse.getValueAtPercentile(99) / 1e3,
                errorsNow - lastErrors,
                count == 0 ? null : HistogramCodec.encode(intervalResponse)));
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
