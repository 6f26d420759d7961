package dev.perf.load.record;

import dev.perf.result.HistogramCodec;
import dev.perf.result.LoadDetails;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records a load loop. Each recording thread has its own {@link Writer}: its counters and its histograms —
 * response time from the intended start, service time from the actual start, schedule lag — behind one
 * writer-reader phaser. Recording threads share no cache line and no atomic read-modify-write: a counter is
 * a plain increment published with release semantics, and one operation costs two atomic operations (the
 * phaser) however many histograms it goes into. In the closed model, where an operation starts when it is
 * sent, service time is the response time and the lag is zero, so a writer records one histogram and the
 * other two are derived when read.
 *
 * <p>{@link #tick()} (one thread, once a second) swaps every writer's interval histograms, merges them into
 * one time-series point and folds it into the totals. Memory stays constant however long the run.
 */
public final class LoadRecorder {
    /** The counters an operation passes before it completes. */
    public enum Counter {
        SENT,
        DROPPED
    }

    private static final int SENT = 0;
    private static final int DROPPED = 1;
    private static final int OK = 2;
    private static final int ERRORS = 3;
    private static final int HTTP_ERRORS = 4;
    private static final int IO_ERRORS = 5;
    private static final int TIMEOUTS = 6;
    /** Unexpected HTTP responses by status class: STATUS + 1 = 1xx ... STATUS + 5 = 5xx. */
    private static final int STATUS = 6;

    private static final int COUNTERS = STATUS + 6;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    /** One recording thread's counters and histograms. Its methods are for the owning thread only. */
    public static final class Writer {
        private final boolean closed;
        private final CheckTally checks;
        private final long[] counts = new long[COUNTERS];
        private final WriterReaderPhaser phaser = new WriterReaderPhaser();
        private volatile Histogram[] active;
        private Histogram[] spare;
        /** The slowest sampled operations since the last swap, or null when none are kept. */
        private volatile Exemplars activeExemplars;

        private Exemplars spareExemplars;
        private final LongPredicate sampled;
        private final SpanSink spans;

        private Writer(boolean closed, CheckTally checks, int exemplars, LongPredicate sampled, SpanSink spans) {
            this.closed = closed;
            this.checks = checks;
            this.active = set(closed);
            this.spare = set(closed);
            this.sampled = sampled;
            this.spans = spans;
            this.activeExemplars = exemplars > 0 ? new Exemplars(exemplars) : null;
            this.spareExemplars = exemplars > 0 ? new Exemplars(exemplars) : null;
        }

        private static Histogram[] set(boolean closed) {
            return closed
                    ? new Histogram[] {new Histogram(3)}
                    : new Histogram[] {new Histogram(3), new Histogram(3), new Histogram(3)};
        }

        private void increment(int counter) {
            COUNT.setRelease(counts, counter, counts[counter] + 1);
        }

        /** Counts an operation sent or dropped. */
        public void count(Counter counter) {
            increment(counter == Counter.SENT ? SENT : DROPPED);
        }

        /**
         * Records one completed operation; times in ns; {@code failure} is null on success. Slower than the
         * timeout is a timeout whatever happened; a failed status check is an httpError (by class), any other
         * failed check an error (both also counted by check name), a failure of the connection an ioError,
         * anything else the workload reported an error. Wait-free but for a failed check's tally.
         */
        public void complete(long intendedNanos, long startNanos, long endNanos, Throwable failure, long timeoutNanos) {
            complete(intendedNanos, startNanos, endNanos, failure, timeoutNanos, -1);
        }

        /**
         * As {@link #complete(long, long, long, Throwable, long)}, for operation {@code seq} (−1: unknown): a
         * sampled operation is kept as an exemplar when it is among the slowest.
         */
        public void complete(
                long intendedNanos, long startNanos, long endNanos, Throwable failure, long timeoutNanos, long seq) {
            long responseNanos = endNanos - intendedNanos;
            long serviceNanos = endNanos - startNanos;
            if (serviceNanos > timeoutNanos) {
                increment(TIMEOUTS);
                responseNanos = Math.min(responseNanos, (startNanos - intendedNanos) + timeoutNanos);
                serviceNanos = timeoutNanos;
            } else if (failure == null) {
                increment(OK);
            } else if (failure instanceof TimeoutException) {
                increment(TIMEOUTS); // a step of a journey timed out: the journey took longer, but not the timeout
            } else if (failure instanceof CheckFailure check) {
                checks.record(check);
                if (check.check().equals("status")) {
                    increment(HTTP_ERRORS);
                    increment(STATUS + Math.max(1, Math.min(5, check.status() / 100)));
                } else {
                    increment(ERRORS);
                }
            } else if (failure instanceof IOException) {
                increment(IO_ERRORS);
            } else {
                increment(ERRORS);
            }
            long critical = phaser.writerCriticalSectionEnter();
            try {
                Histogram[] h = active;
                h[0].recordValue(Math.max(0, responseNanos));
                if (!closed) {
                    h[1].recordValue(Math.max(0, serviceNanos));
                    h[2].recordValue(Math.max(0, startNanos - intendedNanos));
                }
                Exemplars ex = activeExemplars;
                if (ex != null && seq >= 0 && sampled.test(seq)) {
                    ex.record(seq, Math.max(0, responseNanos), -1, failure != null || serviceNanos >= timeoutNanos);
                }
            } finally {
                phaser.writerCriticalSectionExit(critical);
            }
            if (spans != null && seq >= 0 && sampled.test(seq)) {
                spans.completed(
                        seq, startNanos, startNanos + serviceNanos, failure != null || serviceNanos >= timeoutNanos);
            }
        }

        private long read(int counter) {
            return (long) COUNT.getAcquire(counts, counter);
        }

        /** Swaps in the spare set and adds what was recorded since the last swap to {@code into}. Reader only. */
        private void drainInto(Histogram response, Histogram service, Histogram lag, Exemplars exemplars) {
            phaser.readerLock();
            try {
                for (Histogram h : spare) {
                    h.reset();
                }
                Histogram[] recorded = active;
                Exemplars kept = activeExemplars;
                if (kept != null) {
                    spareExemplars.reset();
                    activeExemplars = spareExemplars;
                }
                active = spare;
                phaser.flipPhase();
                spare = recorded;
                if (kept != null) {
                    spareExemplars = kept;
                    exemplars.add(kept, -1);
                }
            } finally {
                phaser.readerUnlock();
            }
            response.add(spare[0]);
            if (closed) {
                service.add(spare[0]);
                if (spare[0].getTotalCount() > 0) {
                    lag.recordValueWithCount(0, spare[0].getTotalCount());
                }
            } else {
                service.add(spare[1]);
                lag.add(spare[2]);
            }
        }
    }

    private final boolean closed;
    private final int exemplars;
    private final CheckTally checks = new CheckTally();
    private final List<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Writer> writer;
    private final Histogram totalResponse = new Histogram(3);
    private final Histogram totalService = new Histogram(3);
    private final Histogram totalLag = new Histogram(3);
    private Histogram intervalResponse;
    private Histogram intervalService;
    private Histogram intervalLag;
    private final List<LoadDetails.Second> seconds = new ArrayList<>();
    private final Exemplars intervalExemplars;
    private final Exemplars totalExemplars;
    /** The slowest kept operation of each window that kept any. */
    private final List<Exemplars.Exemplar> windowExemplars = new ArrayList<>();

    private long lastErrors;
    /** The buffer each second's window is encoded through. */
    private final ByteBuffer[] scratch = new ByteBuffer[1];

    /** A recorder of the open model. */
    public LoadRecorder() {
        this(false);
    }

    /** A recorder of the closed model ({@code closed}: one histogram per operation) or the open one. */
    public LoadRecorder(boolean closed) {
        this(closed, 0, seq -> false, null);
    }

    /**
     * A recorder that also keeps, of the operations {@code sampled} accepts, the {@code exemplars} slowest and
     * the slowest of each latency bucket (0: none kept), and hands each of them to {@code spans} (null: none).
     */
    public LoadRecorder(boolean closed, int exemplars, LongPredicate sampled, SpanSink spans) {
        this.closed = closed;
        this.exemplars = exemplars;
        this.intervalExemplars = exemplars > 0 ? new Exemplars(exemplars) : null;
        this.totalExemplars = exemplars > 0 ? new Exemplars(exemplars) : null;
        this.writer = ThreadLocal.withInitial(() -> {
            Writer w = new Writer(this.closed, checks, this.exemplars, sampled, spans);
            writers.add(w);
            return w;
        });
    }

    /** The calling thread's writer; a recording thread looks it up once and keeps it. */
    public Writer writer() {
        return writer.get();
    }

    /** Counts in {@code w} and, for a mix, the operation's own writer ({@code opW} null otherwise). */
    public static void count(Writer w, Writer opW, Counter counter) {
        w.count(counter);
        if (opW != null) {
            opW.count(counter);
        }
    }

    /**
     * Records a completion of operation {@code seq} (−1: unknown) in {@code w} and, for a mix, the operation's own
     * writer ({@code opW} null otherwise).
     */
    public static void complete(
            Writer w,
            Writer opW,
            long intendedNanos,
            long startNanos,
            long endNanos,
            Throwable failure,
            long timeout,
            long seq) {
        w.complete(intendedNanos, startNanos, endNanos, failure, timeout, seq);
        if (opW != null) {
            opW.complete(intendedNanos, startNanos, endNanos, failure, timeout, seq);
        }
    }

    private long sum(int counter) {
        long total = 0;
        for (Writer w : writers) {
            total += w.read(counter);
        }
        return total;
    }

    public long sent() {
        return sum(SENT);
    }

    public long dropped() {
        return sum(DROPPED);
    }

    public long ok() {
        return sum(OK);
    }

    public long errors() {
        return sum(ERRORS);
    }

    public long httpErrors() {
        return sum(HTTP_ERRORS);
    }

    public long ioErrors() {
        return sum(IO_ERRORS);
    }

    public long timeouts() {
        return sum(TIMEOUTS);
    }

    /** Unexpected HTTP responses of status class {@code c} (1 to 5). */
    public long statusClass(int c) {
        return sum(STATUS + c);
    }

    /** Failed checks by name, with the first failure's detail. */
    public Map<String, LoadDetails.CheckCount> checks() {
        return checks.snapshot();
    }

    /** Every operation that did not succeed so far: errors, httpErrors, ioErrors and timeouts. */
    public long failures() {
        return errors() + httpErrors() + ioErrors() + timeouts();
    }

    /** Closes a full one-second interval: one time-series window; the interval folds into the totals. */
    synchronized void tick() {
        close(true);
    }

    /**
     * Closes the last, partial interval at the end of the loop: it folds into the whole-run totals but is no
     * window of the time series (a window is a full second; one response in 7 ms is no rate of 147/s).
     */
    public synchronized void closeTail() {
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
        if (intervalExemplars != null) {
            intervalExemplars.reset();
        }
        for (Writer w : writers) {
            w.drainInto(intervalResponse, intervalService, intervalLag, intervalExemplars);
        }
        if (intervalExemplars != null) {
            totalExemplars.add(intervalExemplars, seconds.size());
            if (window && !intervalExemplars.isEmpty()) {
                Exemplars.Exemplar e = intervalExemplars.slowest().get(0);
                windowExemplars.add(new Exemplars.Exemplar(e.seq(), e.nanos(), seconds.size(), e.failed()));
            }
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
                count == 0 ? null : HistogramCodec.encode(intervalResponse, scratch)));
        lastErrors = errorsNow;
    }

    /**
     * The window just closed as a snapshot for live metrics: copies of its response, service and lag
     * histograms and the counters so far. Called on the ticker thread after {@link #tick()}.
     */
    public synchronized Interval lastInterval() {
        if (intervalResponse == null) {
            return new Interval(new Histogram(3), new Histogram(3), new Histogram(3), List.of());
        }
        List<Exemplars.Exemplar> kept = List.of();
        if (intervalExemplars != null) {
            long second = seconds.size() - 1L;
            kept = intervalExemplars.buckets().stream()
                    .map(e -> new Exemplars.Exemplar(e.seq(), e.nanos(), second, e.failed()))
                    .toList();
        }
        return new Interval(intervalResponse.copy(), intervalService.copy(), intervalLag.copy(), kept);
    }

    /** The slowest sampled operations of the whole run (the tail included); null when none are kept. */
    public synchronized Exemplars exemplars() {
        return totalExemplars;
    }

    /** The slowest sampled operation of each window that had one, in order. */
    public synchronized List<Exemplars.Exemplar> windowExemplars() {
        return List.copyOf(windowExemplars);
    }

    public synchronized Histogram totalResponse() {
        return totalResponse;
    }

    public synchronized Histogram totalService() {
        return totalService;
    }

    public synchronized Histogram totalLag() {
        return totalLag;
    }

    public synchronized List<LoadDetails.Second> seconds() {
        return List.copyOf(seconds);
    }

    /**
     * One second's histograms, ns.
     *
     * @param response response time from the intended start
     * @param service service time from the actual start
     * @param lag how late each operation started against its schedule
     * @param exemplars the slowest sampled operation of each latency bucket of that second (none unless traced)
     */
    public record Interval(Histogram response, Histogram service, Histogram lag, List<Exemplars.Exemplar> exemplars) {}
}
