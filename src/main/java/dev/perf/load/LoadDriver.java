package dev.perf.load;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Drives the {@link Operations} of a loop in the open model (operations start at their scheduled times,
 * however slow the target) or the closed model (users calling back to back). Each operation is the entry
 * its global index selects; it is recorded in the loop's recorder and, for a mix, in its entry's.
 *
 * <p>Open model, synchronous workloads: {@code maxInFlight} workers claim operations and wait for their
 * intended starts. Asynchronous ones: one dispatcher thread waits for each intended start, then for a free
 * slot of the in-flight cap, and starts it — through {@link DirectAsync} without allocating when the
 * workload offers it. Waiting for a worker or a slot is not hidden: the operation's response time counts from
 * its intended start (coordinated omission corrected). An operation whose wait would exceed the timeout is
 * dropped and counted. The dispatcher's own lateness is tracked separately: it tells whether the generator
 * kept up.
 */
final class LoadDriver {
    /**
     * The wait parks until this close to an intended start, then spins. 20 µs, not more: at 10 000/s a
     * 100 µs spin kept a core busy (124 % of a core for perf against 47 %, five runs each on 2 cores) and
     * starved the target, for no better lag.
     */
    private static final long SPIN_NANOS = 20_000;

    /** The first failure of a run, for the error message. */
    final AtomicReference<Throwable> firstError = new AtomicReference<>();

    /** How late the dispatcher reached each intended start (generator health), ns. Dispatcher thread only. */
    final Histogram dispatchLateness = new Histogram(3);
    /**
     * Open-model wait of each sent operation for a free slot, its own or one its predecessors waited for (0
     * when a slot was free): the target's doing, part of the response time; recorded by the one dispatcher
     * thread.
     */
    final Histogram queueWait = new Histogram(3);

    /**
     * Runs the open model until the schedule ends or {@code stop} says so. A synchronous workload runs on
     * {@code maxInFlight} workers that each claim the next scheduled operation and wait for its time
     * themselves (no hand-off between threads inside the measurement); an asynchronous one is started by one
     * dispatcher thread within an in-flight cap.
     */
    void runOpen(
            Schedule schedule,
            Operations ops,
            int maxInFlight,
            long timeoutNanos,
            LoadRecorder rec,
            long baseNanos,
            BooleanSupplier stop) {
        if (ops.async()) {
            dispatchAsync(schedule, ops, maxInFlight, timeoutNanos, rec, baseNanos, stop);
            return;
        }
        Schedule.FireTimes times = schedule.fireTimes();
        Thread[] workers = new Thread[maxInFlight];
        for (int w = 0; w < maxInFlight; w++) {
            workers[w] = new Thread(
                    () -> {
                        Schedule.Claim claim = new Schedule.Claim();
                        while (!stop.getAsBoolean()) {
                            if (!times.next(claim)) {
                                return;
                            }
                            long intended = baseNanos + claim.nanos;
                            int op = ops.of(claim.index);
                            LoadRecorder opRec = ops.recorder(op);
                            waitUntil(intended);
                            long reached = System.nanoTime();
                            count(rec, opRec, Counter.SCHEDULED);
                            // A worker free only now means every worker was busy: the operation waited, and
                            // past what the timeout allows it is dropped rather than started.
                            if (reached - intended > timeoutNanos) {
                                count(rec, opRec, Counter.DROPPED);
                                continue;
                            }
                            count(rec, opRec, Counter.SENT);
                            Throwable failure = call(ops.workload(op));
                            done(rec, opRec, intended, reached, failure, timeoutNanos, null);
                        }
                    },
                    "perf-load-worker-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        joinAll(workers);
    }

    private void dispatchAsync(
            Schedule schedule,
            Operations ops,
            int maxInFlight,
            long timeoutNanos,
            LoadRecorder rec,
            long baseNanos,
            BooleanSupplier stop) {
        Semaphore slots = new Semaphore(maxInFlight);
        // one completion callback per operation, made once: a direct workload then allocates nothing per call
        DirectAsync.Completion[] completions = new DirectAsync.Completion[ops.count()];
        for (int i = 0; i < completions.length; i++) {
            LoadRecorder opRec = ops.recorder(i);
            completions[i] = (intended, start, failure) -> {
                if (failure != null) {
                    firstError.compareAndSet(null, failure);
                }
                done(rec, opRec, intended, start, failure, timeoutNanos, slots);
            };
        }
        Schedule.FireTimes times = schedule.fireTimes();
        Schedule.Claim claim = new Schedule.Claim();
        // After the dispatcher waited for a slot it works through a backlog of operations that fell due while
        // the target was busy: that wait is queue wait (in their response time), not the generator's lateness.
        // Until it has caught up (an operation is due after the previous one was sent), each is late only by
        // how long after the previous send the dispatcher reached it. A generator too slow to ever catch up
        // after a stall is not seen as late by this measure; its own CPU and pauses still are.
        boolean catchingUp = false;
        long previousSent = Long.MIN_VALUE;
        while (!stop.getAsBoolean() && times.next(claim)) {
            long intended = baseNanos + claim.nanos;
            int op = ops.of(claim.index);
            LoadRecorder opRec = ops.recorder(op);
            waitUntil(intended);
            long reached = System.nanoTime();
            catchingUp = catchingUp && intended < previousSent;
            long late = Math.max(0, reached - (catchingUp ? Math.max(intended, previousSent) : intended));
            dispatchLateness.recordValue(late);
            count(rec, opRec, Counter.SCHEDULED);
            if (!slots.tryAcquire()) {
                long allowed = timeoutNanos - (reached - intended);
                boolean got = false;
                try {
                    got = allowed > 0 && slots.tryAcquire(allowed, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    count(rec, opRec, Counter.DROPPED);
                    return;
                }
                catchingUp = true;
                if (!got) {
                    previousSent = System.nanoTime(); // handled (dropped): the next one is ready from now
                    count(rec, opRec, Counter.DROPPED);
                    continue;
                }
            }
            long start = System.nanoTime();
            // the whole wait before the send, less what was the generator's own lateness
            queueWait.recordValue(Math.max(0, start - intended - late));
            count(rec, opRec, Counter.SENT);
            if (ops.workload(op) instanceof DirectAsync direct) {
                direct.start(intended, start, completions[op]);
            } else {
                startAsync(ops.workload(op), rec, opRec, intended, start, timeoutNanos, slots);
            }
            if (catchingUp) {
                previousSent = System.nanoTime(); // read only while working through a backlog
            }
        }
        drain(slots, maxInFlight, timeoutNanos);
    }

    private static void joinAll(Thread[] threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Runs the closed model: {@code users} threads, each calling, recording and thinking until {@code endNanos}. */
    void runClosed(Operations ops, int users, long thinkNanos, long timeoutNanos, LoadRecorder rec, long endNanos) {
        Thread[] threads = new Thread[users];
        AtomicLong index = new AtomicLong();
        // one operation needs no shared index: the users would contend on it for nothing
        boolean single = ops.count() == 1;
        for (int u = 0; u < users; u++) {
            threads[u] = new Thread(
                    () -> {
                        // one clock read per operation: a call's end is the next call's start (and the
                        // loop's check), unless the user thinks in between
                        long now = System.nanoTime();
                        while (now < endNanos && !Thread.currentThread().isInterrupted()) {
                            int op = single ? 0 : ops.of(index.getAndIncrement());
                            LoadRecorder opRec = ops.recorder(op);
                            count(rec, opRec, Counter.SCHEDULED);
                            count(rec, opRec, Counter.SENT);
                            Throwable failure = call(ops.workload(op));
                            now = done(rec, opRec, now, now, failure, timeoutNanos, null);
                            if (thinkNanos > 0) {
                                LockSupport.parkNanos(thinkNanos);
                                now = System.nanoTime();
                            }
                        }
                    },
                    "perf-load-user-" + u);
            threads[u].setDaemon(true);
            threads[u].start();
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (endNanos - System.nanoTime()) / 1_000_000 + timeoutNanos / 1_000_000 + 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /** Runs one operation; returns its failure, or null. */
    private Throwable call(Workload workload) {
        try {
            workload.call();
            return null;
        } catch (Throwable e) {
            firstError.compareAndSet(null, e);
            return e;
        }
    }

    private void startAsync(
            Workload workload,
            LoadRecorder rec,
            LoadRecorder opRec,
            long intended,
            long start,
            long timeoutNanos,
            Semaphore slots) {
        CompletionStage<?> stage;
        try {
            stage = workload.callAsync();
        } catch (Throwable e) {
            firstError.compareAndSet(null, e);
            done(rec, opRec, intended, start, e, timeoutNanos, slots);
            return;
        }
        stage.whenComplete((value, error) -> {
            Throwable failure =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (failure != null) {
                firstError.compareAndSet(null, failure);
            }
            done(rec, opRec, intended, start, failure, timeoutNanos, slots);
        });
    }

    /** Records a completion now; returns the time it was recorded at. */
    private long done(
            LoadRecorder rec,
            LoadRecorder opRec,
            long intended,
            long start,
            Throwable failure,
            long timeoutNanos,
            Semaphore slots) {
        long end = System.nanoTime();
        rec.complete(intended, start, end, failure, timeoutNanos);
        if (opRec != null) {
            opRec.complete(intended, start, end, failure, timeoutNanos);
        }
        if (slots != null) {
            slots.release();
        }
        return end;
    }

    private enum Counter {
        SCHEDULED,
        SENT,
        DROPPED
    }

    /** Counts in the loop's recorder and, for a mix, the operation's own. */
    private static void count(LoadRecorder rec, LoadRecorder opRec, Counter counter) {
        increment(rec, counter);
        if (opRec != null) {
            increment(opRec, counter);
        }
    }

    private static void increment(LoadRecorder r, Counter counter) {
        switch (counter) {
            case SCHEDULED -> r.scheduled.increment();
            case SENT -> r.sent.increment();
            case DROPPED -> r.dropped.increment();
        }
    }

    /** Waits for the operations in flight, at most the timeout. */
    private static void drain(Semaphore slots, int maxInFlight, long timeoutNanos) {
        try {
            if (slots.tryAcquire(maxInFlight, timeoutNanos, TimeUnit.NANOSECONDS)) {
                slots.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks until shortly before {@code deadline}, then spins: sub-100 µs accuracy even with coarse timer slack without burning a core. */
    static void waitUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
