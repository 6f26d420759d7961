package dev.perf.load.drive;

import dev.perf.load.Workload;
import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drives the synchronous {@link Operations} of a loop (Java workloads and commands, each call blocking a
 * thread) in the open model (operations start at their scheduled times, however slow the target) or the
 * closed model (users calling back to back). Asynchronous ones (http) go to {@link EventLoopDriver}. Each
 * operation is the entry its global index selects; it is recorded in the loop's recorder and, for a mix, in
 * its entry's.
 *
 * <p>Open model: {@code maxInFlight} workers claim operations and wait for their intended starts. Waiting
 * for a free worker is not hidden: the operation's response time counts from its intended start (coordinated
 * omission corrected). An operation whose wait would exceed the timeout is dropped and counted, and so is
 * one that came due while every worker was stuck in a call that never returned.
 */
public final class ThreadDriver implements Driver {
    /**
     * The wait parks until this close to an intended start, then spins. 20 µs, not more: at 10 000/s a
     * 100 µs spin kept a core busy (124 % of a core for perf against 47 %, five runs each on 2 cores) and
     * starved the target, for no better lag.
     */
    private static final long SPIN_NANOS = 20_000;

    /** The first failure of the current measurement, for the error message. */
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    private final int maxInFlight;
    /** What the measurements' threads allocated, bytes (−1: the JVM does not tell). */
    private final AtomicLong allocated = new AtomicLong();

    private final long timeoutNanos;

    /** A driver with {@code maxInFlight} workers in the open model; a call past {@code timeoutNanos} is one. */
    public ThreadDriver(int maxInFlight, long timeoutNanos) {
        this.maxInFlight = maxInFlight;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public Outcome drive(Model model, Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        firstError.set(null);
        if (model instanceof Model.Open open) {
            // precision is not theirs: each worker waits for its own operation, so there is no send to go with
            runOpen(open.schedule(), ops, rec, open.baseNanos(), stop);
        } else {
            runClosed(ops, (Model.Closed) model, rec, stop);
        }
        return Outcome.unmeasured(firstError.get());
    }

    @Override
    public long allocatedBytes() {
        return allocated.get();
    }

    /** Runs {@code body} on this thread, adding what it allocates to {@link #allocated}. */
    private Runnable counted(Runnable body) {
        return () -> {
            long before = ThreadAllocation.current();
            try {
                body.run();
            } finally {
                long after = ThreadAllocation.current();
                if (before < 0 || after < 0) {
                    allocated.set(-1);
                } else {
                    allocated.getAndUpdate(a -> a < 0 ? a : a + after - before);
                }
            }
        };
    }

    @Override
    public void close() {
        // every thread of a measurement has ended (or been abandoned as a daemon) when it returns
    }

    /**
     * Runs the open model until the schedule ends or {@code stop} says so, on {@code maxInFlight} workers
     * that each claim the next scheduled operation and wait for its time themselves (no hand-off between
     * threads inside the measurement); then drains as {@link Drain} says.
     */
    private void runOpen(Schedule schedule, Operations ops, LoadRecorder rec, long baseNanos, BooleanSupplier stop) {
        Schedule.FireTimes times = schedule.fireTimes();
        Thread[] workers = new Thread[maxInFlight];
        for (int w = 0; w < maxInFlight; w++) {
            workers[w] = new Thread(
                    counted(() -> {
                        Schedule.Claim claim = new Schedule.Claim();
                        LoadRecorder.Writer mine = rec.writer();
                        LoadRecorder.Writer[] perOp = ops.writers();
                        LoadRecorder.Writer[][] parts = ops.partWriters();
                        while (!stop.getAsBoolean()) {
                            if (!times.next(claim)) {
                                return;
                            }
                            long intended = baseNanos + claim.nanos;
                            int op = ops.of(claim.index);
                            LoadRecorder.Writer opW = perOp == null ? null : perOp[op];
                            waitUntil(intended);
                            long reached = System.nanoTime();
                            // A worker free only now means every worker was busy: the operation waited, and
                            // past what the timeout allows it is dropped rather than started.
                            if (reached - intended > timeoutNanos) {
                                LoadRecorder.count(mine, opW, LoadRecorder.Counter.DROPPED);
                                continue;
                            }
                            LoadRecorder.count(mine, opW, LoadRecorder.Counter.SENT);
                            Throwable failure = call(ops, op, claim.index, intended, reached, parts);
                            done(mine, opW, intended, reached, failure, timeoutNanos);
                        }
                    }),
                    "perf-load-worker-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        long[] stoppedAt = {Long.MAX_VALUE};
        Drain.await(
                Drain.joined(workers),
                stop,
                () -> stoppedAt[0] = System.nanoTime() - baseNanos,
                baseNanos + schedule.durationNanos(),
                timeoutNanos);
        unclaimed(
                times,
                ops,
                rec,
                Math.min(stoppedAt[0], Math.min(System.nanoTime() - baseNanos, schedule.durationNanos())));
    }

    /**
     * Counts as dropped the operations due by {@code cutoffNanos} that no worker claimed — every worker was
     * stuck in a call that never returned — so that {@code scheduled} still holds what the schedule intended.
     * Claiming them also keeps a worker that comes back later from starting them.
     */
    private static void unclaimed(Schedule.FireTimes times, Operations ops, LoadRecorder rec, long cutoffNanos) {
        Schedule.Claim claim = new Schedule.Claim();
        LoadRecorder.Writer mine = rec.writer();
        LoadRecorder.Writer[] perOp = ops.writers();
        while (times.next(claim) && claim.nanos <= cutoffNanos) {
            LoadRecorder.count(mine, perOp == null ? null : perOp[ops.of(claim.index)], LoadRecorder.Counter.DROPPED);
        }
    }

    /**
     * Runs the closed model: one thread per user, each calling, recording and waiting until the model's end;
     * a user's next call starts its think time after its previous one ended and no sooner than its pacing
     * after it started; sooner when {@code stop} says so.
     */
    private void runClosed(Operations ops, Model.Closed model, LoadRecorder rec, BooleanSupplier stop) {
        int users = model.users();
        long thinkNanos = model.thinkNanos();
        long pacingNanos = model.pacingNanos();
        long endNanos = model.endNanos();
        Thread[] threads = new Thread[users];
        AtomicLong index = new AtomicLong();
        // one operation that draws nothing from its index needs no shared index: the users would contend on it
        // for nothing
        boolean single = ops.count() == 1 && !ops.indexed();
        Slice seqs = model.shard();
        for (int u = 0; u < users; u++) {
            threads[u] = new Thread(
                    counted(() -> {
                        // one clock read per operation: a call's end is the next call's start (and the
                        // loop's check), unless the user waits in between
                        LoadRecorder.Writer mine = rec.writer();
                        LoadRecorder.Writer[] perOp = ops.writers();
                        LoadRecorder.Writer[][] parts = ops.partWriters();
                        boolean waits = thinkNanos > 0 || pacingNanos > 0;
                        long now = System.nanoTime();
                        while (now < endNanos
                                && !stop.getAsBoolean()
                                && !Thread.currentThread().isInterrupted()) {
                            long seq = single ? 0 : seqs.global(index.getAndIncrement());
                            int op = single ? 0 : ops.of(seq);
                            LoadRecorder.Writer opW = perOp == null ? null : perOp[op];
                            LoadRecorder.count(mine, opW, LoadRecorder.Counter.SENT);
                            long start = now;
                            Throwable failure = call(ops, op, seq, start, start, parts);
                            now = done(mine, opW, start, start, failure, timeoutNanos);
                            long next = waits ? Math.max(now + thinkNanos, start + pacingNanos) : now;
                            if (next > now) {
                                waitUntil(Math.min(next, endNanos));
                                now = System.nanoTime();
                            }
                        }
                    }),
                    "perf-load-user-" + u);
            threads[u].setDaemon(true);
            threads[u].start();
        }
        Drain.await(Drain.joined(threads), stop, () -> {}, endNanos, timeoutNanos);
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /**
     * Runs operation {@code seq} of entry {@code op} — a {@link BlockingSource} with its index and this thread's
     * writers of its parts — and returns its failure, or null.
     */
    private Throwable call(Operations ops, int op, long seq, long intended, long start, LoadRecorder.Writer[][] parts) {
        Workload workload = ops.workload(op);
        Throwable failure;
        if (workload instanceof BlockingSource blocking) {
            failure = blocking.call(seq, intended, start, parts == null ? null : parts[op]);
        } else {
            try {
                workload.call();
                failure = null;
            } catch (Throwable e) {
                failure = e;
            }
        }
        if (failure != null) {
            firstError.compareAndSet(null, failure);
        }
        return failure;
    }

    /** Records a completion now; returns the time it was recorded at. */
    private static long done(
            LoadRecorder.Writer w,
            LoadRecorder.Writer opW,
            long intended,
            long start,
            Throwable failure,
            long timeoutNanos) {
        long end = System.nanoTime();
        LoadRecorder.complete(w, opW, intended, start, end, failure, timeoutNanos, -1);
        return end;
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
