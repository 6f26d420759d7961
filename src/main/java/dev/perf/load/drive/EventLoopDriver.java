package dev.perf.load.drive;

import dev.perf.load.record.LoadRecorder;
import dev.perf.load.schedule.Schedule;
import dev.perf.load.schedule.Slice;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Drives the asynchronous operations of a load loop (http, asynchronous Java, or a mix with them) on {@link
 * EventLoops}: one {@link Stripe} per loop, each with its own connections and its share of the schedule or of
 * the users. Lives as long as the loop's run, so the connections opened before the warm-up serve every
 * measurement after it.
 *
 * <p>A measurement ends as {@link Drain} says: an http request still open then has been failed as a timeout,
 * and an asynchronous Java call that never completes is counted as in flight at the end.
 */
public final class EventLoopDriver implements Driver {
    private final EventLoopGroup group;
    private final Stripe[] stripes;
    private final long timeoutNanos;

    /** The first failure of the current measurement, for the error message. */
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    /**
     * A driver of {@code ops} on {@code loops} loops sharing {@code connections} (the in-flight cap; for http,
     * that many connections per entry, dealt out to the loops); opens the connections now. With {@code users},
     * {@code connections} is the closed model's users, each with one exchange in flight, so that an HTTP/2
     * entry needs only one connection per {@code maxConcurrentStreams} of them.
     */
    public EventLoopDriver(Operations ops, int loops, int connections, boolean users, long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        this.group = EventLoops.group(loops);
        this.stripes = new Stripe[loops];
        try {
            int streams = streamsPerConnection(ops);
            for (int j = 0; j < loops; j++) {
                EventLoop loop = group.next();
                Slice slice = new Slice(j, loops);
                int share = slice.count(connections);
                // an HTTP/2 connection carries several streams: the stripe may have that many in flight
                Stripe stripe = new Stripe(loop, slice, share * streams, timeoutNanos);
                Lane[] lanes = new Lane[ops.count()];
                for (int i = 0; i < lanes.length; i++) {
                    Lane.Place place = new Lane.Place(stripe, i, loop, share, users, timeoutNanos);
                    lanes[i] = ops.workload(i) instanceof Lane.Source source
                            ? source.open(place)
                            : new AsyncLane(place, ops.workload(i));
                }
                stripe.attach(lanes);
                stripes[j] = stripe;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The most operations one connection carries at once: HTTP/2's stream limit, else one. */
    private static int streamsPerConnection(Operations ops) {
        int most = 1;
        for (int i = 0; i < ops.count(); i++) {
            if (ops.workload(i) instanceof Lane.Source source) {
                most = Math.max(most, source.streamsPerConnection());
            }
        }
        return most;
    }

    public int loops() {
        return stripes.length;
    }

    @Override
    public Outcome drive(Model model, Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        if (model instanceof Model.Open open) {
            return runOpen(open, ops, rec, stop);
        }
        runClosed((Model.Closed) model, ops, rec, stop);
        return Outcome.unmeasured(firstError.get());
    }

    /** Runs the open model: each loop sends its stripe of {@code open}'s schedule. */
    private Outcome runOpen(Model.Open open, Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        Schedule schedule = open.schedule();
        long baseNanos = open.baseNanos();
        Stripe.Measurement m = begin(ops, rec, stop);
        long cpuBefore = cpuNanos();
        long before = System.nanoTime();
        for (int j = 0; j < stripes.length; j++) {
            stripes[j].startOpen(schedule.stripe(new Slice(j, stripes.length)), baseNanos, open.precisionNanos(), m);
        }
        await(m, baseNanos + schedule.durationNanos());
        long cpuAfter = cpuNanos();
        long elapsed = System.nanoTime() - before;
        // near 1, the generator itself is the limit, whatever the target could do
        double busy = cpuBefore < 0 || cpuAfter < 0 || elapsed <= 0
                ? Double.NaN
                : (double) (cpuAfter - cpuBefore) / ((double) elapsed * stripes.length);
        Histogram lateness = new Histogram(3);
        Histogram queueWait = new Histogram(3);
        for (Stripe s : stripes) {
            lateness.add(s.lateness);
            queueWait.add(s.queueWait);
        }
        return new Outcome(firstError.get(), lateness, queueWait, busy);
    }

    /**
     * Runs the closed model: the users dealt out to the loops, each sending when its previous operation
     * completed (after its think time, no sooner than its pacing after its previous start) until the model's
     * end, or until {@code stop}.
     */
    private void runClosed(Model.Closed model, Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        Stripe.Measurement m = begin(ops, rec, stop);
        for (Stripe s : stripes) {
            s.startClosed(model, m);
        }
        await(m, model.endNanos());
    }

    private Stripe.Measurement begin(Operations ops, LoadRecorder rec, BooleanSupplier stop) {
        firstError.set(null);
        return new Stripe.Measurement(ops, rec, stop, firstError, new CountDownLatch(stripes.length));
    }

    /** Waits until every stripe is done, within the {@link Drain} bound after {@code lastNanos} or a stop. */
    private void await(Stripe.Measurement m, long lastNanos) {
        Drain.await(
                millis -> m.done().await(millis, TimeUnit.MILLISECONDS),
                m.stop(),
                () -> {
                    for (Stripe s : stripes) {
                        s.wake();
                    }
                },
                lastNanos,
                timeoutNanos);
    }

    @Override
    public long allocatedBytes() {
        long[] ids = new long[stripes.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = stripes[i].threadId;
            if (ids[i] < 0) {
                return -1;
            }
        }
        return ThreadAllocation.of(ids);
    }

    /** CPU time the loops' threads have used so far, ns, or −1 when the JVM does not tell. */
    private long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long sum = 0;
        for (Stripe s : stripes) {
            long t = s.threadId < 0 ? -1 : threads.getThreadCpuTime(s.threadId);
            if (t < 0) {
                return -1;
            }
            sum += t;
        }
        return sum;
    }

    @Override
    public void close() {
        for (Stripe s : stripes) {
            if (s != null) {
                s.loop().submit(s::close).awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
