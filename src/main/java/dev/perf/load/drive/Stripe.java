package dev.perf.load.drive;

import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * One event loop's share of a load loop, run on that loop's thread: no hand-off between threads, no lock and
 * no allocation per request.
 *
 * <p><b>Open model.</b> The stripe owns a striped share of the schedule (its fire times, as {@code --shard}
 * takes a process's). On every wake — its one timer, or I/O — it sends each operation that is due on a free
 * connection (and, when its timer wakes it, each due within the precision: early), then arms one timer for its
 * next fire time (none while one is armed early enough). An operation due while every connection is busy
 * waits (queue wait, part of its response time) until a response frees one, and is dropped once it has waited
 * the timeout. Dispatch lateness is how late the loop
 * reached an operation it was free to send: the generator's own delay, kept apart from the target's.
 *
 * <p><b>Closed model.</b> Each user sends its next operation when the previous one completed, after its
 * think time, and no sooner than its pacing after the previous start.
 *
 * <p>A measurement ends when the schedule (or the users' time) has run out and nothing is in flight; the
 * caller bounds the wait for stragglers. Completions of an earlier measurement (another epoch) free their
 * connection but are not recorded.
 */
public final class Stripe {
    private final EventLoop loop;
    private final Slice slice;
    private final int cap;
    private final long timeoutNanos;
    private Lane[] lanes;
    /** Past what an operation of each entry counts as a timeout: the timeout, or never for a journey. */
    private long[] timeouts;

    private ScheduledFuture<?> sweeper;
    private final Runnable pumpTask = this::pumpDue;
    private final Runnable timerTask = this::timerFired;

    /** The epoch of the current measurement; completions of another are not recorded. */
    private int epoch;

    private Operations ops;
    private LoadRecorder.Writer rec;
    /** The loop thread's writers of the entries' own recorders (a mix), or null. */
    private LoadRecorder.Writer[] opRecs;

    private AtomicReference<Throwable> firstError;
    private CountDownLatch done;
    private BooleanSupplier stop;
    private int inFlight;
    private boolean ended;
    private boolean pumping;

    /** How late the loop reached each operation it was free to send, ns (open model). */
    final Histogram lateness = new Histogram(3);
    /** How long each sent operation waited for a free connection, ns (open model). */
    final Histogram queueWait = new Histogram(3);
    /** The loop thread's id, for its CPU time. */
    volatile long threadId = -1;

    // open model
    private Schedule.FireTimes times;
    private final Schedule.Claim claim = new Schedule.Claim();
    private long base;
    private boolean hasClaim;
    private boolean reached;
    private long intended;
    private long seq;
    private long late;
    private int op;
    private boolean catchingUp;
    private long previousSent;
    private ScheduledFuture<?> timer;
    private long armedFor = Long.MAX_VALUE;
    /** How early an operation may leave with an earlier one, ns. */
    private long precision;

    // closed model
    private User[] users;
    private int activeUsers;
    private long endNanos;
    private long thinkNanos;
    private long pacingNanos;
    private long nextLocal;
    private int[] ready;
    private int readyHead;
    private int readyCount;
    /**
     * Which operation indexes of the whole run this stripe's users draw (closed model): its slice of this
     * process's shard, so that every shard and every loop draws its requests from indexes no other one uses.
     */
    private Slice seqs;

    /**
     * Stripe {@code slice} of a process's loops on {@code loop}, with at most {@code cap} operations in
     * flight; its lanes are attached by {@link #attach} before the first measurement.
     */
    Stripe(EventLoop loop, Slice slice, int cap, long timeoutNanos) {
        this.loop = loop;
        this.slice = slice;
        this.cap = cap;
        this.timeoutNanos = timeoutNanos;
    }

    EventLoop loop() {
        return loop;
    }

    /** Attaches one lane per entry and starts the sweep that times out what waits too long. */
    void attach(Lane[] lanes) {
        this.lanes = lanes;
        this.timeouts = new long[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            timeouts[i] = lanes[i].timedAsAWhole() ? timeoutNanos : Long.MAX_VALUE;
        }
        // One sweep for every connection instead of a timer per request; a timeout is found at most a period
        // late, and the recorder counts anything slower than the timeout as a timeout.
        long period = Math.max(1_000_000L, Math.min(50_000_000L, timeoutNanos / 20));
        sweeper = loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
        // waited for: the loop's thread id must be known before a measurement reads its CPU time and allocation
        // (asked a moment too soon, a loaded machine's loop not yet scheduled, both read as unknown)
        loop.submit(() -> {
                    threadId = Thread.currentThread().getId();
                    EventLoops.tightenTimerSlack();
                })
                .syncUninterruptibly();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Lane lane : lanes) {
            lane.sweep(now);
        }
    }

    /**
     * What one measurement gives every stripe: the operations, the recorder, when to stop, where the first
     * failure goes and the latch each stripe counts down when it is done.
     */
    record Measurement(
            Operations ops,
            LoadRecorder rec,
            BooleanSupplier stop,
            AtomicReference<Throwable> firstError,
            CountDownLatch done) {}

    /** Starts sending this stripe's share of {@code schedule} (already striped), from {@code baseNanos}. */
    void startOpen(Schedule schedule, long baseNanos, long precisionNanos, Measurement m) {
        loop.execute(() -> {
            begin(m);
            times = schedule.fireTimes();
            base = baseNanos;
            precision = precisionNanos;
            hasClaim = false;
            catchingUp = false;
            previousSent = Long.MIN_VALUE;
            pump(precision);
        });
    }

    /** Starts this stripe's share of {@code model}'s users, calling back to back until its end. */
    void startClosed(Model.Closed model, Measurement m) {
        int users = slice.count(model.users());
        loop.execute(() -> {
            begin(m);
            this.seqs = model.shard().within(slice);
            this.endNanos = model.endNanos();
            this.thinkNanos = model.thinkNanos();
            this.pacingNanos = model.pacingNanos();
            this.users = new User[users];
            this.ready = new int[Math.max(1, users)];
            readyHead = 0;
            readyCount = 0;
            nextLocal = 0;
            activeUsers = users;
            for (int u = 0; u < users; u++) {
                this.users[u] = new User(u);
                ready(u);
            }
            finishIfDone();
        });
    }

    private void begin(Measurement m) {
        epoch++;
        this.ops = m.ops();
        this.rec = m.rec().writer();
        this.opRecs = ops.writers();
        for (int i = 0; i < lanes.length; i++) {
            LoadRecorder[] parts = ops.parts(i);
            if (parts != null) {
                lanes[i].measuring(parts);
            }
        }
        this.stop = m.stop();
        this.firstError = m.firstError();
        this.done = m.done();
        this.users = null;
        inFlight = 0;
        ended = false;
        lateness.reset();
        queueWait.reset();
    }

    /** Looks at the stop condition soon (it is otherwise seen at the next wake). Any thread. */
    void wake() {
        loop.execute(pumpTask);
    }

    private void pumpDue() {
        pump(0);
    }

    private void timerFired() {
        timer = null;
        armedFor = Long.MAX_VALUE;
        pump(precision);
    }

    /**
     * Sends every operation that is due, or due within {@code ahead} (the precision, on the timer's wakes:
     * a response's wake sends only what is due, so that the early ones go in the timer's groups), and can go;
     * arms the timer for what comes next.
     */
    private void pump(long ahead) {
        if (users != null) {
            if (stop.getAsBoolean()) {
                endNanos = Math.min(endNanos, System.nanoTime());
            }
            return;
        }
        if (ended) {
            finishIfDone();
            return;
        }
        if (pumping || times == null) {
            return;
        }
        pumping = true;
        try {
            long now = System.nanoTime();
            while (true) {
                if (!hasClaim) {
                    if (stop.getAsBoolean() || !times.next(claim)) {
                        ended = true;
                        break;
                    }
                    hasClaim = true;
                    reached = false;
                    intended = base + claim.nanos;
                    seq = claim.index;
                    op = ops.of(claim.index);
                }
                if (intended > now + ahead) {
                    arm(intended);
                    break;
                }
                LoadRecorder.Writer opRec = opRecs == null ? null : opRecs[op];
                if (!reached) {
                    reached = true;
                    // While working through a backlog after a wait for a connection, an operation is late only by
                    // how long after the previous send the loop reached it.
                    catchingUp = catchingUp && intended < previousSent;
                    late = Math.max(0, now - (catchingUp ? Math.max(intended, previousSent) : intended));
                    lateness.recordValue(late);
                }
                if (inFlight < cap && lanes[op].free()) {
                    queueWait.recordValue(Math.max(0, now - intended - late));
                    LoadRecorder.count(rec, opRec, LoadRecorder.Counter.SENT);
                    inFlight++;
                    hasClaim = false;
                    lanes[op].send(Model.Open.startOf(intended, now), now, seq, -1, epoch);
                    now = System.nanoTime();
                    previousSent = now;
                    continue;
                }
                catchingUp = true;
                if (now - intended > timeoutNanos) {
                    // waited the whole timeout for a connection: dropped, not started
                    LoadRecorder.count(rec, opRec, LoadRecorder.Counter.DROPPED);
                    hasClaim = false;
                    previousSent = now;
                    continue;
                }
                arm(intended + timeoutNanos + 1); // to drop it then if no connection frees up before
                break;
            }
        } finally {
            pumping = false;
        }
        finishIfDone();
    }

    /** Arms the one timer for {@code deadline}, unless it is armed for then or sooner. */
    private void arm(long deadline) {
        if (armedFor <= deadline) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        armedFor = deadline;
        timer = loop.schedule(timerTask, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Operation {@code seq} (−1: not told) ended; on the loop thread. */
    public void completed(
            int op, long seq, long intendedNanos, long startNanos, long end, Throwable failure, int user, int epoch) {
        if (epoch != this.epoch) {
            return; // a straggler of an earlier measurement: its connection is free again, nothing more
        }
        if (failure != null) {
            firstError.compareAndSet(null, failure);
        }
        LoadRecorder.complete(
                rec, opRecs == null ? null : opRecs[op], intendedNanos, startNanos, end, failure, timeouts[op], seq);
        inFlight--;
        if (users == null) {
            pump(0);
            return;
        }
        User u = users[user];
        long next = Math.max(end + thinkNanos, u.startNanos + pacingNanos);
        if (next <= end) {
            ready(user);
        } else if (next >= this.endNanos) {
            activeUsers--;
        } else {
            var unusedThink = loop.schedule(u, next - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        finishIfDone();
    }

    /** Queues user {@code u} to send now; sends unless already sending (a call that completes at once must not recurse). */
    private void ready(int u) {
        ready[(readyHead + readyCount++) % ready.length] = u;
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (readyCount > 0) {
                int next = ready[readyHead];
                readyHead = (readyHead + 1) % ready.length;
                readyCount--;
                startUser(next);
            }
        } finally {
            pumping = false;
        }
    }

    private void startUser(int u) {
        long now = System.nanoTime();
        if (now >= endNanos || stop.getAsBoolean()) {
            activeUsers--;
            return;
        }
        long seq = seqs.global(nextLocal++);
        int o = ops.of(seq);
        LoadRecorder.count(rec, opRecs == null ? null : opRecs[o], LoadRecorder.Counter.SENT);
        inFlight++;
        users[u].startNanos = now;
        lanes[o].send(now, now, seq, u, epoch);
    }

    private void finishIfDone() {
        boolean over = users == null ? ended : activeUsers == 0;
        if (over && inFlight == 0 && done != null) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
                armedFor = Long.MAX_VALUE;
            }
            done.countDown();
            done = null;
        }
    }

    /** Closes the lanes and the sweep; any thread. */
    void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (lanes != null) {
            for (Lane lane : lanes) {
                lane.close();
            }
        }
    }

    /** A user of the closed model: when it last started, and the timer task that starts it after thinking. */
    private final class User implements Runnable {
        private final int index;
        long startNanos;

        User(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            ready(index);
            finishIfDone();
        }
    }
}
